import { tenantsVisibleTo } from "@berth/db";
import type { SwarmSignal } from "@berth/docker";
import { authorize, tenantsWhere } from "@berth/policy";
import type { Context } from "../context";
import { getProject } from "../projects/get-project";

/**
 * Which live signals the principal may receive: those of one project (`projectId`), or of every tenant whose
 * services it may see. Node changes go to those who see every tenant; `resync` goes to everyone.
 */
export async function swarmEventFilter(ctx: Context, projectId: string | null): Promise<(s: SwarmSignal) => boolean> {
  if (projectId !== null) {
    const project = await getProject(ctx, projectId);
    authorize(ctx.principal, "service.read", { tenantId: project.tenantId });
    return (s) =>
      s.kind === "resync" || ("project" in s && s.tenant === project.tenant.slug && s.project === project.slug);
  }
  const tenants = tenantsWhere(ctx.principal, "service.read");
  if (tenants === "all") return () => true;
  const rows = await ctx.db.tenant.findMany({
    where: tenantsVisibleTo(ctx.principal, { id: { in: tenants } }),
    select: { slug: true },
  });
  const slugs = new Set(rows.map((t) => t.slug));
  return (s) => s.kind === "resync" || ("tenant" in s && slugs.has(s.tenant));
}
