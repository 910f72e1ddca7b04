import type { ServiceStatus } from "@berth/docker";
import { authorize } from "@berth/policy";
import type { Context } from "../context";
import { getProject } from "../projects/get-project";

/** A desired service as Postgres holds it: what a row needs of it. */
export interface DesiredService {
  id: string;
  name: string;
  image: string;
  replicas: number;
}

/**
 * Each desired service of a project with what Swarm runs for it: replicas running/desired and tasks. A service the
 * reconciler has not created yet shows 0 running and no tasks.
 */
export async function listProjectServices(ctx: Context, projectId: string) {
  const project = await getProject(ctx, projectId);
  authorize(ctx.principal, "service.read", { tenantId: project.tenantId });
  const live = await ctx.swarm.projectServices({ tenant: project.tenant.slug, project: project.slug });
  return serviceRows(project.services, live);
}

/** The rows of a project's services: Berth's desired services, each with its live state in Swarm. */
export function serviceRows(desired: DesiredService[], live: ServiceStatus[]) {
  const liveByName = new Map(live.map((s) => [s.name, s]));
  return desired.map((service) => {
    const status = liveByName.get(service.name);
    return {
      id: service.id,
      name: service.name,
      image: service.image,
      desiredReplicas: service.replicas,
      runningReplicas: status?.running ?? 0,
      created: status !== undefined,
      tasks: status?.tasks ?? [],
    };
  });
}
