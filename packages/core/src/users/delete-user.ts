import { writeAudit } from "../audit/write-audit";
import type { Context } from "../context";
import { AppError } from "../errors";
import { getManagedUser } from "./get-managed-user";
import { keepAnAdmin } from "./keep-an-admin";

/**
 * An admin deletes a user: its sessions, memberships and the API tokens it created go with it. Nobody deletes
 * themselves, and the last admin stays.
 */
export async function deleteUser(ctx: Context, id: string) {
  const user = await getManagedUser(ctx, id);
  if (ctx.principal.kind === "user" && ctx.principal.userId === user.id) {
    throw new AppError("conflict", "You cannot delete yourself; ask another admin.");
  }
  return ctx.db.$transaction(async (tx) => {
    if (user.platformRole === "admin") await keepAnAdmin(tx, user.id);
    const [memberships, tokens] = await Promise.all([
      tx.membership.findMany({ where: { userId: user.id }, select: { tenantId: true, role: true } }),
      tx.apiToken.count({ where: { createdById: user.id, revokedAt: null } }),
    ]);
    await tx.user.delete({ where: { id: user.id } });
    await writeAudit(tx, ctx.principal, ctx.request, {
      action: "user.deleted",
      targetType: "user",
      targetId: user.id,
      diff: { before: { email: user.email, platformRole: user.platformRole, memberships, activeTokens: tokens } },
    });
    return { deleted: true };
  });
}
