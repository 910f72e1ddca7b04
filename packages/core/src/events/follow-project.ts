import type { ServiceStatus } from "@berth/docker";
import { authorize } from "@berth/policy";
import type { Context } from "../context";
import { getProject } from "../projects/get-project";
import { type DesiredService, serviceRows } from "../services/list-project-services";

/** Desired services being read for a project, shared by every viewer that asks at the same moment. */
const reading = new Map<string, Promise<DesiredService[]>>();

/**
 * One project's live view, for its event stream: its service rows (as GET /projects/{id}/services answers) from the
 * process's Swarm snapshot. Desired services are read from Postgres again only when Swarm no longer matches them (a
 * service added, removed, scaled or given another image: Berth's desired state changed and the reconciler applied
 * it), once for all the project's viewers.
 */
export async function followProject(ctx: Context, projectId: string) {
  const project = await getProject(ctx, projectId);
  authorize(ctx.principal, "service.read", { tenantId: project.tenantId });
  const ref = { tenant: project.tenant.slug, project: project.slug };
  let desired: DesiredService[] = project.services;
  return {
    ref,
    async rows() {
      const live = await ctx.swarm.projectServices(ref);
      if (!matches(desired, live)) desired = await readDesired(ctx, project);
      return serviceRows(desired, live);
    },
  };
}

function matches(desired: DesiredService[], live: ServiceStatus[]): boolean {
  const byName = new Map(desired.map((d) => [d.name, d]));
  return live.every((s) => byName.get(s.name)?.replicas === s.desired && byName.get(s.name)?.image === s.image);
}

function readDesired(ctx: Context, project: { id: string; tenantId: string }): Promise<DesiredService[]> {
  let read = reading.get(project.id);
  if (!read) {
    read = ctx.db.service
      .findMany({
        where: { projectId: project.id, tenantId: project.tenantId },
        select: { id: true, name: true, image: true, replicas: true },
        orderBy: { name: "asc" },
      })
      .finally(() => reading.delete(project.id));
    reading.set(project.id, read);
  }
  return read;
}
