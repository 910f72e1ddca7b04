import { scopedTo } from "@berth/db";
import { authorize } from "@berth/policy";
import { writeAudit } from "../audit/write-audit";
import type { Context } from "../context";
import { notFound, scopedMiss } from "../errors";
import { isUuid } from "../uuid";

/**
 * Revokes an API token: it stops working at once. A tenant's tokens are its owners' to revoke, platform tokens (and
 * every token) an admin's. Revoking a revoked token changes nothing.
 */
export async function revokeToken(ctx: Context, id: string) {
  if (!isUuid(id)) throw notFound("API token");
  const token = await ctx.db.apiToken.findFirst({ where: scopedTo(ctx.principal, { id }) });
  if (!token) {
    const hidden = ctx.db.apiToken.findUnique({ where: { id }, select: { tenantId: true } });
    throw await scopedMiss("API token", { type: "api_token", id }, hidden);
  }
  if (token.tenantId) authorize(ctx.principal, "token.manage", { tenantId: token.tenantId });
  else authorize(ctx.principal, "token.manage_all");
  if (token.revokedAt) return { id, revokedAt: token.revokedAt };
  return ctx.db.$transaction(async (tx) => {
    const revoked = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await writeAudit(tx, ctx.principal, ctx.request, {
      action: "token.revoked",
      targetType: "api_token",
      targetId: id,
      tenantId: token.tenantId,
      diff: { before: { name: token.name, prefix: token.prefix } },
    });
    return { id, revokedAt: revoked.revokedAt };
  });
}
