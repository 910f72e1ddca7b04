import { getUser } from "@berth/core";
import Link from "next/link";
import { ActionButton } from "@/components/action-button";
import { ApiForm } from "@/components/api-form";
import { orNotFound, pageContext } from "@/lib/page-context";

export const dynamic = "force-dynamic";

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await pageContext();
  const user = await orNotFound(getUser(ctx, (await params).id));
  return (
    <>
      <h1>{user.email}</h1>
      <p className="muted">
        Platform role: {user.platformRole ?? "none"} ·{" "}
        {user.signsInThroughLdap ? "signs in through LDAP" : "local password"} · {user.openSessions} open session
        {user.openSessions === 1 ? "" : "s"} · member of{" "}
        {user.memberships.length === 0
          ? "no tenant"
          : user.memberships.map((m, i) => (
              <span key={m.tenant.id}>
                {i > 0 ? ", " : ""}
                <Link href={`/tenants/${m.tenant.id}`}>{m.tenant.name}</Link> ({m.role})
              </span>
            ))}
      </p>
      <ApiForm
        title="Platform role"
        path={`/users/${user.id}`}
        method="PATCH"
        submit="Save role"
        fields={[
          {
            name: "platformRole",
            label: "Role",
            type: "select",
            value: user.platformRole ?? "",
            options: [
              ["", "none"],
              ["operator", "operator"],
              ["admin", "admin"],
            ],
          },
        ]}
      />
      {user.signsInThroughLdap ? null : (
        <ApiForm
          title="Set a new password (ends the user's sessions)"
          path={`/users/${user.id}`}
          method="PATCH"
          submit="Set password"
          fields={[
            { name: "password", label: "New password (12 characters or more)", type: "password", required: true },
          ]}
          reveal={{ note: "The password is set; the user's sessions have ended." }}
        />
      )}
      <p>
        <ActionButton
          path={`/users/${user.id}`}
          label="Delete user"
          confirm={`Delete ${user.email}, its memberships and the API tokens it created?`}
          then="/users"
        />
      </p>
    </>
  );
}
