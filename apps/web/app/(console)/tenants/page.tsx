import { listTenants } from "@berth/core";
import { can } from "@berth/policy";
import Link from "next/link";
import { ApiForm } from "@/components/api-form";
import { pageContext } from "@/lib/page-context";
import { shownTime } from "@/lib/time";

export const dynamic = "force-dynamic";

export default async function TenantsPage() {
  const ctx = await pageContext();
  const tenants = await listTenants(ctx);
  return (
    <>
      <h1>Tenants</h1>
      {can(ctx.principal, "tenant.create") ? (
        <ApiForm
          title="New tenant"
          path="/tenants"
          submit="Create tenant"
          fields={[
            { name: "slug", label: "Slug (used in Swarm names)", placeholder: "acme", required: true },
            { name: "name", label: "Display name", placeholder: "Acme Inc.", required: true },
          ]}
        />
      ) : null}
      <table>
        <thead>
          <tr>
            <th>Slug</th>
            <th>Name</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {tenants.map((t) => (
            <tr key={t.id}>
              <td>
                <Link href={`/tenants/${t.id}`}>
                  <code>{t.slug}</code>
                </Link>
              </td>
              <td>{t.name}</td>
              <td>{shownTime(t.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
