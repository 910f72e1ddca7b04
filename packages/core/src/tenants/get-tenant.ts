import { tenantsVisibleTo } from "@berth/db";
import { authorize } from "@berth/policy";
import type { Context } from "../context";
import { notFound, scopedMiss } from "../errors";
import { isUuid } from "../uuid";

/** A tenant the principal may see; any other is "not found", exactly as a missing one. */
export async function getTenant(ctx: Context, id: string) {
  if (!isUuid(id)) throw notFound("Tenant");
  const tenant = await ctx.db.tenant.findFirst({ where: tenantsVisibleTo(ctx.principal, { id }) });
  if (!tenant) {
    const hidden = ctx.db.tenant.findUnique({ where: { id }, select: { id: true } });
    throw await scopedMiss(
      "Tenant",
      { type: "tenant", id },
      hidden.then((t) => t && { tenantId: t.id }),
    );
  }
  authorize(ctx.principal, "tenant.read", { tenantId: tenant.id });
  return tenant;
}
