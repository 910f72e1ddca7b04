import type { Prisma } from "@berth/db";
import type { Context } from "../context";
import { tokenState, withCreator } from "./token-state";

/**
 * The API tokens `where` selects, newest first, each with whether it works now and why not; never the tokens
 * themselves. The list use-cases authorize, then call this.
 */
export async function findTokens(ctx: Context, where: Prisma.ApiTokenWhereInput) {
  const rows = await ctx.db.apiToken.findMany({ where, include: withCreator, orderBy: { createdAt: "desc" } });
  const now = new Date();
  return rows.map((t) => {
    const state = tokenState(t, now);
    return {
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      role: t.platformRole ?? t.tenantRole,
      tenant: t.tenant,
      createdBy: t.createdBy.email,
      createdAt: t.createdAt,
      expiresAt: t.expiresAt,
      lastUsedAt: t.lastUsedAt,
      revokedAt: t.revokedAt,
      inactiveReason: "inactiveReason" in state ? state.inactiveReason : null,
    };
  });
}
