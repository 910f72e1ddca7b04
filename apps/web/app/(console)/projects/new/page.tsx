import { listTenants } from "@berth/core";
import { NewProjectForm } from "@/components/new-project-form";
import { pageContext } from "@/lib/page-context";

export const dynamic = "force-dynamic";

export default async function NewProjectPage() {
  const tenants = await listTenants(await pageContext());
  return (
    <>
      <h1>New project</h1>
      <NewProjectForm tenants={tenants.map((t) => ({ slug: t.slug, name: t.name }))} />
    </>
  );
}
