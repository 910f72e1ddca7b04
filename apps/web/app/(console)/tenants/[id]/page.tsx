import { getTenant, listMembers, listTenantTokens } from "@berth/core";
import { can } from "@berth/policy";
import { ActionButton } from "@/components/action-button";
import { ApiForm } from "@/components/api-form";
import { TokenForm } from "@/components/token-form";
import { TokenTable } from "@/components/token-table";
import { orNotFound, pageContext } from "@/lib/page-context";

export const dynamic = "force-dynamic";

export default async function TenantPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await pageContext();
  const tenant = await orNotFound(getTenant(ctx, (await params).id));
  const members = await listMembers(ctx, tenant.id);
  const manageMembers = can(ctx.principal, "member.manage", { tenantId: tenant.id });
  const manageTokens = can(ctx.principal, "token.manage", { tenantId: tenant.id });
  return (
    <>
      <h1>
        {tenant.name} <code className="muted">{tenant.slug}</code>
      </h1>
      <h2>Members</h2>
      {manageMembers ? (
        <ApiForm
          title="Add a member, or change a member's role"
          path={`/tenants/${tenant.id}/members`}
          submit="Save member"
          fields={[
            { name: "email", label: "Email of an existing user", type: "email", required: true },
            {
              name: "role",
              label: "Role",
              type: "select",
              options: [
                ["viewer", "viewer (reads)"],
                ["owner", "owner"],
              ],
            },
          ]}
        />
      ) : null}
      <table>
        <thead>
          <tr>
            <th>Email</th>
            <th>Role</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.userId}>
              <td>{m.email}</td>
              <td>{m.role}</td>
              <td>
                {manageMembers ? (
                  <ActionButton
                    path={`/tenants/${tenant.id}/members/${m.userId}`}
                    label="Remove"
                    confirm={`Remove ${m.email} from ${tenant.name}?`}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {manageTokens ? (
        <>
          <h2>API tokens</h2>
          <TokenForm path={`/tenants/${tenant.id}/tokens`} roles={["viewer", "owner"]} />
          <TokenTable tokens={await listTenantTokens(ctx, tenant.id)} />
        </>
      ) : null}
    </>
  );
}
