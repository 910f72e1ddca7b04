import { tenantsVisibleTo } from "@berth/db";
import type { Context } from "../context";

/** A tenant by slug, or null when it does not exist or the principal may not see it (the two look the same). */
export async function findVisibleTenant(ctx: Context, slug: string) {
  return ctx.db.tenant.findFirst({ where: tenantsVisibleTo(ctx.principal, { slug }) });
}
