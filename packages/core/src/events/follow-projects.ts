import { tenantsVisibleTo } from "@berth/db";
import type { ProjectRef } from "@berth/docker";
import { tenantsWhere } from "@berth/policy";
import type { Context } from "../context";
import { type ProjectHealth, projectHealth } from "../services/project-health";

/** What the projects list shows live of a project: its services in Swarm, replicas running of desired. */
export interface ProjectSummary extends ProjectRef {
  services: number;
  running: number;
  desired: number;
  health: ProjectHealth;
}

/**
 * The projects list's live view, for its event stream: a summary of each project of the tenants whose services the
 * principal may see, from the process's Swarm snapshot; `refs` narrows it to the projects that changed.
 */
export async function followProjects(ctx: Context) {
  const tenants = tenantsWhere(ctx.principal, "service.read");
  const slugs =
    tenants === "all"
      ? null
      : new Set(
          (
            await ctx.db.tenant.findMany({
              where: tenantsVisibleTo(ctx.principal, { id: { in: tenants } }),
              select: { slug: true },
            })
          ).map((t) => t.slug),
        );
  const visible = (ref: ProjectRef) => slugs === null || slugs.has(ref.tenant);
  return {
    async summaries(refs?: ProjectRef[]): Promise<ProjectSummary[]> {
      const projects = refs
        ? await Promise.all(refs.map(async (ref) => ({ ref, services: await ctx.swarm.projectServices(ref) })))
        : await ctx.swarm.projects();
      return projects
        .filter(({ ref }) => visible(ref))
        .map(({ ref, services }) => ({
          tenant: ref.tenant,
          project: ref.project,
          services: services.length,
          running: services.reduce((sum, s) => sum + s.running, 0),
          desired: services.reduce((sum, s) => sum + s.desired, 0),
          health: projectHealth(services),
        }));
    },
  };
}
