import { tenantsVisibleTo } from "@berth/db";
import type { Context } from "../context";

export async function listTenants(ctx: Context) {
  return ctx.db.tenant.findMany({ where: tenantsVisibleTo(ctx.principal), orderBy: { slug: "asc" } });
}
