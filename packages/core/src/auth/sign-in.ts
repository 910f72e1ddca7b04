import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import type { Context } from "../context";
import { AppError, parseInput } from "../errors";
import { verifyPassword } from "./password";
import { principalOf } from "./principal-of";
import { newSessionToken, SESSION_LIFETIME_MS, sessionIdOf } from "./session-token";

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter an email address."),
  password: z.string().min(1, "Enter your password.").max(1024),
});

/** Checks an email and password and opens a new session; the returned token goes into the cookie. */
export async function signIn(ctx: Omit<Context, "principal">, input: unknown) {
  const { email, password } = parseInput(signInInput, input);
  const user = await ctx.db.user.findUnique({ where: { email }, include: { memberships: true } });
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  const principal = { kind: "system", name: "sign-in" } as const;
  if (!user || !ok) {
    await ctx.db.$transaction((tx) =>
      writeAudit(tx, principal, ctx.request, {
        action: "auth.sign_in_failed",
        targetType: "user",
        targetId: user?.id ?? null,
        diff: { after: { email } },
      }),
    );
    throw new AppError("unauthenticated", "The email or password is incorrect.");
  }
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  await ctx.db.$transaction(async (tx) => {
    await tx.session.create({ data: { id: sessionIdOf(token), userId: user.id, expiresAt } });
    await writeAudit(tx, principalOf(user), ctx.request, {
      action: "auth.signed_in",
      targetType: "user",
      targetId: user.id,
    });
  });
  return { token, expiresAt, user: { id: user.id, email: user.email, platformRole: user.platformRole } };
}
