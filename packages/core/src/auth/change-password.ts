import { authorizeUser } from "@berth/policy";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import type { Context } from "../context";
import { AppError, parseInput } from "../errors";
import { storableText } from "../text";
import { openSession } from "./open-session";
import { hashPassword, newPasswordField, verifyPassword } from "./password";

export const changePasswordInput = z.object({
  currentPassword: storableText().min(1, "Enter your current password.").max(1024),
  newPassword: newPasswordField,
});

/**
 * The signed-in user changes its password: every session of the user ends (on every device), and a new one is
 * opened for the browser that made the change.
 */
export async function changePassword(ctx: Context, input: unknown) {
  const principal = ctx.principal;
  authorizeUser(principal, "account.change_password");
  const { currentPassword, newPassword } = parseInput(changePasswordInput, input);
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: principal.userId } });
  if (user.passwordHash === null) {
    throw new AppError("invalid", "Your password is kept in the company directory (LDAP); change it there.");
  }
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError("invalid", "The current password is incorrect.", { currentPassword: "Incorrect." });
  }
  const passwordHash = await hashPassword(newPassword);
  return ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangeRequired: false } });
    const { count } = await tx.session.deleteMany({ where: { userId: user.id } });
    await writeAudit(tx, principal, ctx.request, {
      action: "user.password_changed",
      targetType: "user",
      targetId: user.id,
      diff: { after: { sessionsEnded: count } },
    });
    return openSession(tx, ctx.auth, user.id);
  });
}
