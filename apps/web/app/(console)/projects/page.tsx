import { listProjects, listTenants } from "@berth/core";
import { can } from "@berth/policy";
import Link from "next/link";
import { ProjectList } from "@/components/project-list";
import { pageContext } from "@/lib/page-context";

export const dynamic = "force-dynamic";

export default async function ProjectsPage() {
  const ctx = await pageContext();
  const [projects, tenants] = await Promise.all([listProjects(ctx), listTenants(ctx)]);
  const mayCreate = tenants.some((t) => can(ctx.principal, "project.create", { tenantId: t.id }));
  return (
    <>
      <div className="row" style={{ alignItems: "center" }}>
        <h1>Projects</h1>
        <div style={{ textAlign: "right" }}>
          {mayCreate ? (
            <Link href="/projects/new">
              <button type="button">New project</button>
            </Link>
          ) : (
            <button type="button" disabled title="Your role does not allow you to create projects.">
              New project
            </button>
          )}
        </div>
      </div>
      <ProjectList initialProjects={projects} />
    </>
  );
}
