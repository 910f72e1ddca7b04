import { listTenants } from "@berth/core";
import { can } from "@berth/policy";
import { CreateTenantForm } from "@/components/create-tenant-form";
import { pageContext } from "@/lib/page-context";

export const dynamic = "force-dynamic";

export default async function TenantsPage() {
  const ctx = await pageContext();
  const tenants = await listTenants(ctx);
  return (
    <>
      <h1>Tenants</h1>
      {can(ctx.principal, "tenant.create") ? <CreateTenantForm /> : null}
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
                <code>{t.slug}</code>
              </td>
              <td>{t.name}</td>
              <td>{t.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
