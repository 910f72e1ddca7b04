import { authorize } from "@berth/policy";
import type { Context } from "../context";
import { getTenant } from "../tenants/get-tenant";

/** The API tokens of a tenant, or the platform's (`tenantId` null), newest first; never the tokens themselves. */
export async function listTokens(ctx: Context, tenantId: string | null) {
  const tenant = tenantId === null ? null : await getTenant(ctx, tenantId);
  authorize(ctx.principal, "token.manage", { tenantId: tenant?.id });
  const rows = await ctx.db.apiToken.findMany({
    where: { tenantId: tenant?.id ?? null },
    include: { createdBy: { select: { email: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    role: t.platformRole ?? t.tenantRole,
    createdBy: t.createdBy.email,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    lastUsedAt: t.lastUsedAt,
    revokedAt: t.revokedAt,
  }));
}
