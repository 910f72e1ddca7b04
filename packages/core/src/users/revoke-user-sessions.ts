import { writeAudit } from "../audit/write-audit";
import type { Context } from "../context";
import { getManagedUser } from "./get-managed-user";

/** An admin signs a user out everywhere: every session of the user ends at once. */
export async function revokeUserSessions(ctx: Context, userId: string) {
  const user = await getManagedUser(ctx, userId);
  return ctx.db.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { userId: user.id } });
    await writeAudit(tx, ctx.principal, ctx.request, {
      action: "user.sessions_revoked",
      targetType: "user",
      targetId: user.id,
      diff: { after: { sessionsEnded: count } },
    });
    return { sessionsEnded: count };
  });
}
