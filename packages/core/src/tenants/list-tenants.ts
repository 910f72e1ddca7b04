import { scopedTo } from "@berth/db";
import { authorize } from "@berth/policy";
import type { Context } from "../context";

export async function listTenants(ctx: Context) {
  authorize(ctx.principal, "tenant.list");
  const scope = scopedTo(ctx.principal).tenantId;
  return ctx.db.tenant.findMany({ where: scope ? { id: scope } : {}, orderBy: { slug: "asc" } });
}
