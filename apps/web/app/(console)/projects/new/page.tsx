import { listTenants, publishedPortsText } from "@berth/core";
import { can } from "@berth/policy";
import { NewProjectForm } from "@/components/new-project-form";
import { pageContext } from "@/lib/page-context";

export const dynamic = "force-dynamic";

export default async function NewProjectPage() {
  const ctx = await pageContext();
  const tenants = (await listTenants(ctx)).filter((t) => can(ctx.principal, "project.create", { tenantId: t.id }));
  return (
    <>
      <h1>New project</h1>
      <NewProjectForm
        tenants={tenants.map((t) => ({ slug: t.slug, name: t.name }))}
        publishedPorts={publishedPortsText(ctx.fence)}
      />
    </>
  );
}
