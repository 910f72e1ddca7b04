import { scopedTo } from "@berth/db";
import type { Context } from "../context";
import { notFound, scopedMiss } from "../errors";
import { isUuid } from "../uuid";

/**
 * A service the principal may see, with its project's slug and state and its tenant's slug (what names it in Swarm).
 * Another tenant's service is "not found", as a missing one, and the attempt is audited.
 */
export async function findService(ctx: Context, id: string) {
  if (!isUuid(id)) throw notFound("Service");
  const service = await ctx.db.service.findFirst({
    where: scopedTo(ctx.principal, { id }),
    include: { project: { select: { slug: true, state: true, tenant: { select: { slug: true } } } } },
  });
  if (service) return service;
  throw await scopedMiss(
    "Service",
    { type: "service", id },
    ctx.db.service.findUnique({ where: { id }, select: { tenantId: true } }),
  );
}
