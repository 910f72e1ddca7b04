import { can } from "@berth/policy";
import { writeAudit } from "../audit/write-audit";
import type { Context } from "../context";
import { notFound } from "../errors";
import { isUuid } from "../uuid";

/**
 * An admin signs a user out everywhere: every session of the user ends at once. To anyone who may not manage users,
 * every user is "not found".
 */
export async function revokeUserSessions(ctx: Context, userId: string) {
  const user = isUuid(userId) ? await ctx.db.user.findUnique({ where: { id: userId } }) : null;
  if (!user || !can(ctx.principal, "user.manage")) {
    throw notFound("User", user && { targetType: "user", targetId: userId });
  }
  return ctx.db.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { userId } });
    await writeAudit(tx, ctx.principal, ctx.request, {
      action: "user.sessions_revoked",
      targetType: "user",
      targetId: userId,
      diff: { after: { sessionsEnded: count } },
    });
    return { sessionsEnded: count };
  });
}
