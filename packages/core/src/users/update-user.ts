import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { hashPassword, newPasswordField } from "../auth/password";
import type { Context } from "../context";
import { AppError, parseInput } from "../errors";
import { getManagedUser } from "./get-managed-user";
import { keepAnAdmin } from "./keep-an-admin";

export const updateUserInput = z
  .object({
    platformRole: z.enum(["admin", "operator"], "Choose admin, operator, or null for none.").nullable().optional(),
    password: newPasswordField.optional(),
  })
  .refine((v) => v.platformRole !== undefined || v.password !== undefined, "Give a platformRole or a password.");

/**
 * An admin changes a user's platform role, or sets a new password for it (which ends every session of the user).
 * The last admin cannot be demoted.
 */
export async function updateUser(ctx: Context, id: string, input: unknown) {
  const user = await getManagedUser(ctx, id);
  const { platformRole, password } = parseInput(updateUserInput, input);
  if (password !== undefined && user.passwordHash === null) {
    throw new AppError("invalid", "This user signs in through LDAP; its password is kept in the directory.", {
      password: "Change it in the directory.",
    });
  }
  const passwordHash = password === undefined ? undefined : await hashPassword(password);
  return ctx.db.$transaction(async (tx) => {
    if (user.platformRole === "admin" && platformRole !== undefined && platformRole !== "admin") {
      await keepAnAdmin(tx, user.id);
    }
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { platformRole, passwordHash },
      select: { id: true, email: true, platformRole: true, createdAt: true },
    });
    const sessions = passwordHash ? await tx.session.deleteMany({ where: { userId: user.id } }) : null;
    await writeAudit(tx, ctx.principal, ctx.request, {
      action: "user.updated",
      targetType: "user",
      targetId: user.id,
      diff: {
        before: platformRole === undefined ? undefined : { platformRole: user.platformRole },
        after: {
          platformRole,
          passwordReset: passwordHash ? true : undefined,
          sessionsEnded: sessions?.count,
        },
      },
    });
    return updated;
  });
}
