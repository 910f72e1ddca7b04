import { authorize } from "@berth/policy";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { hashPassword, newPasswordField } from "../auth/password";
import type { Context } from "../context";
import { AppError, parseInput } from "../errors";
import { emailField } from "../text";

export const createUserInput = z.object({
  email: emailField(),
  password: newPasswordField,
  platformRole: z.enum(["admin", "operator"]).nullable().default(null),
});

/** An admin creates a user; the password is stored only as an argon2id hash. */
export async function createUser(ctx: Context, input: unknown) {
  authorize(ctx.principal, "user.manage");
  const { email, password, platformRole } = parseInput(createUserInput, input);
  const passwordHash = await hashPassword(password);
  return ctx.db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email } })) {
      throw new AppError("conflict", `A user with the email ${email} exists already.`, { email: "Already taken." });
    }
    const user = await tx.user.create({
      data: { email, passwordHash, platformRole },
      select: { id: true, email: true, platformRole: true, createdAt: true },
    });
    await writeAudit(tx, ctx.principal, ctx.request, {
      action: "user.created",
      targetType: "user",
      targetId: user.id,
      diff: { after: { email, platformRole } },
    });
    return user;
  });
}
