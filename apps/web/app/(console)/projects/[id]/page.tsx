import { type Context, getProject, listProjectServices, toAppError } from "@berth/core";
import { can } from "@berth/policy";
import { ProjectServices } from "@/components/project-services";
import { orNotFound, pageContext } from "@/lib/page-context";

export const dynamic = "force-dynamic";

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await pageContext();
  const project = await orNotFound(getProject(ctx, (await params).id));
  return (
    <>
      <h1>
        {project.name} <span className="muted">· {project.tenant.name}</span>
      </h1>
      <ProjectServices
        projectId={project.id}
        initialServices={await firstServices(ctx, project.id)}
        deleting={project.state === "deleting"}
        canDelete={can(ctx.principal, "project.delete", { tenantId: project.tenantId })}
        canScale={can(ctx.principal, "service.scale", { tenantId: project.tenantId })}
      />
    </>
  );
}

/** The services as the page is first rendered; none while Docker does not answer (the list then says why). */
async function firstServices(ctx: Context, projectId: string) {
  try {
    return await listProjectServices(ctx, projectId);
  } catch (error) {
    if (toAppError(error)?.code === "unavailable") return undefined;
    throw error;
  }
}
