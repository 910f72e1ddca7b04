import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import type { Context } from "../context";
import { AppError, parseInput } from "../errors";
import { emailField, storableText } from "../text";
import { ldapAuthenticate } from "./ldap-authenticate";
import { openSession } from "./open-session";
import { verifyPassword } from "./password";
import { principalOf } from "./principal-of";
import { provisionLdapUser } from "./provision-ldap-user";
import { beginSignInAttempt, endSignInAttempt } from "./sign-in-attempts";

export const signInInput = z.object({
  email: emailField(),
  password: storableText().min(1, "Enter your password.").max(1024),
});

type SignInContext = Omit<Context, "principal">;

/**
 * The user an email and password belong to, or null. A user with a local password is checked against it; anyone
 * else against the LDAP directory, when one is configured.
 */
async function authenticate(ctx: SignInContext, email: string, password: string) {
  const user = await ctx.db.user.findUnique({ where: { email }, include: { memberships: true } });
  if (user?.passwordHash || !ctx.auth.ldap) {
    return (await verifyPassword(user?.passwordHash ?? null, password)) ? user : null;
  }
  const directory = await ldapAuthenticate(ctx.auth.ldap, email, password).catch((error: Error) => {
    throw new AppError("unavailable", `Sign-in through the directory is not possible now: ${error.message}`);
  });
  if (directory) return provisionLdapUser(ctx, email, directory.groups);
  await verifyPassword(null, password); // a refusal takes as long as a local account's
  return null;
}

/** Checks an email and password and opens a new session; the returned token goes into the cookie. */
export async function signIn(ctx: SignInContext, input: unknown) {
  const { email, password } = parseInput(signInInput, input);
  const attempt = await beginSignInAttempt(ctx, email);
  const user = await authenticate(ctx, email, password).catch(async (error: unknown) => {
    await endSignInAttempt(ctx, attempt, "undecided");
    throw error;
  });
  await endSignInAttempt(ctx, attempt, user ? "succeeded" : "failed");
  if (!user) {
    await ctx.db.$transaction((tx) =>
      writeAudit(tx, { kind: "anonymous" }, ctx.request, {
        action: "auth.sign_in_failed",
        targetType: "user",
        diff: { after: { email } },
      }),
    );
    throw new AppError("unauthenticated", "The email or password is incorrect.");
  }
  const session = await ctx.db.$transaction(async (tx) => {
    const opened = await openSession(tx, ctx.auth, user.id);
    await writeAudit(tx, principalOf(user), ctx.request, {
      action: "auth.signed_in",
      targetType: "user",
      targetId: user.id,
    });
    return opened;
  });
  return {
    ...session,
    user: {
      id: user.id,
      email: user.email,
      platformRole: user.platformRole,
      passwordChangeRequired: user.passwordChangeRequired,
    },
  };
}
