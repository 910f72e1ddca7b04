import { writeAudit } from "../audit/write-audit";
import type { Context } from "../context";
import { AppError } from "../errors";

/**
 * Refuses a sign-in when the account, or the client address, has failed `signInFailuresAllowed` times within the
 * window. Failures are counted from the audit log, where every one of them is written, so the limit holds across
 * web replicas and restarts. The answer is the same whether the account exists or not. A refusal is audited too, as
 * `auth.sign_in_refused`, which does not count as a failure: waiting out the window is enough.
 */
export async function checkSignInLimit(ctx: Pick<Context, "db" | "auth" | "request">, email: string) {
  const since = new Date(Date.now() - ctx.auth.signInWindowMs);
  const ip = ctx.request.ip ?? null;
  const [counts] = await ctx.db.$queryRaw<
    { account: number; accountSince: Date | null; address: number; addressSince: Date | null }[]
  >`
    SELECT count(*) FILTER (WHERE diff #>> '{after,email}' = ${email})::int AS "account",
           min(at) FILTER (WHERE diff #>> '{after,email}' = ${email}) AS "accountSince",
           count(*) FILTER (WHERE ip = ${ip})::int AS "address",
           min(at) FILTER (WHERE ip = ${ip}) AS "addressSince"
    FROM audit_log
    WHERE action = 'auth.sign_in_failed' AND at > ${since}`;
  const limit = ctx.auth.signInFailuresAllowed;
  const blockedSince = [
    counts && counts.account >= limit ? counts.accountSince : null,
    counts && counts.address >= limit ? counts.addressSince : null,
  ].filter((d): d is Date => d !== null);
  if (blockedSince.length === 0) return;
  const freeAt = Math.max(...blockedSince.map((d) => d.getTime())) + ctx.auth.signInWindowMs;
  const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - Date.now()) / 1000));
  await ctx.db.$transaction((tx) =>
    writeAudit(tx, { kind: "anonymous" }, ctx.request, {
      action: "auth.sign_in_refused",
      targetType: "user",
      diff: { after: { email, retryAfterSeconds } },
    }),
  );
  const minutes = Math.ceil(retryAfterSeconds / 60);
  throw new AppError(
    "rate_limited",
    `Too many failed sign-ins for this account or from this address; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    undefined,
    { retryAfterSeconds },
  );
}
