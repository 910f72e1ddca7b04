import { listProjectStatus } from "@berth/docker";
import { authorize } from "@berth/policy";
import type { Context } from "../context";
import { getProject } from "../projects/get-project";

/**
 * Each desired service of a project with what Swarm runs for it: replicas running/desired and tasks. A service the
 * reconciler has not created yet shows 0 running and no tasks.
 */
export async function listProjectServices(ctx: Context, projectId: string) {
  const project = await getProject(ctx, projectId);
  authorize(ctx.principal, "service.read", { tenantId: project.tenantId });
  const live = await listProjectStatus(ctx.docker, { tenant: project.tenant.slug, project: project.slug });
  const liveByName = new Map(live.map((s) => [s.name, s]));
  return project.services.map((desired) => {
    const status = liveByName.get(desired.name);
    return {
      id: desired.id,
      name: desired.name,
      image: desired.image,
      desiredReplicas: desired.replicas,
      runningReplicas: status?.running ?? 0,
      created: status !== undefined,
      tasks: status?.tasks ?? [],
    };
  });
}
