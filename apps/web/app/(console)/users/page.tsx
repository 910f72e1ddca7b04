import { listUsers } from "@berth/core";
import Link from "next/link";
import { ActionButton } from "@/components/action-button";
import { ApiForm } from "@/components/api-form";
import { orNotFound, pageContext } from "@/lib/page-context";
import { shownTime } from "@/lib/time";

export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const ctx = await pageContext();
  const users = await orNotFound(listUsers(ctx));
  return (
    <>
      <h1>Users</h1>
      <ApiForm
        title="New user"
        path="/users"
        submit="Create user"
        fields={[
          { name: "email", label: "Email", type: "email", required: true },
          { name: "password", label: "Password (12 characters or more)", type: "password", required: true },
          {
            name: "platformRole",
            label: "Platform role",
            type: "select",
            options: [
              ["", "none (a customer: add it to a tenant)"],
              ["operator", "operator"],
              ["admin", "admin"],
            ],
          },
        ]}
      />
      <table>
        <thead>
          <tr>
            <th>Email</th>
            <th>Platform role</th>
            <th>Created</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>
                <Link href={`/users/${u.id}`}>{u.email}</Link>
              </td>
              <td>{u.platformRole ?? "—"}</td>
              <td>{shownTime(u.createdAt)}</td>
              <td>
                <ActionButton
                  path={`/users/${u.id}/sessions`}
                  label="Sign out everywhere"
                  confirm={`End every session of ${u.email}?`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
