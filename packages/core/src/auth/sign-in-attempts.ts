import { writeAudit } from "../audit/write-audit";
import type { Context, Tx } from "../context";
import { AppError } from "../errors";

type AttemptContext = Pick<Context, "db" | "auth" | "request">;

/**
 * Reserves one sign-in attempt for `email` from the client's address, or refuses it with a 429 when the account or
 * the address has used up its attempts within the window. Attempts that failed, and those still being checked,
 * count; the count and the reservation happen under a lock per account and per address, so parallel attempts cannot
 * all pass it. The limit holds across web replicas and restarts, and the answer is the same whether the account
 * exists or not. A lock-out is one row however many attempts it refuses, audited once when it ends, with the count.
 */
export async function beginSignInAttempt(ctx: AttemptContext, email: string): Promise<bigint> {
  const ip = ctx.request.ip ?? null;
  const keys = [`account:${email}`, ...(ip ? [`address:${ip}`] : [])];
  const outcome = await ctx.db.$transaction(async (tx) => {
    await auditEndedLockouts(tx);
    for (const key of keys) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
    const since = new Date(Date.now() - ctx.auth.signInWindowMs);
    await tx.$executeRaw`DELETE FROM sign_in_attempts WHERE at <= ${since}`;
    const [counts] = await tx.$queryRaw<{ key: string; used: number; oldest: Date }[]>`
      SELECT k.key, count(a.id)::int AS used, min(a.at) AS oldest
      FROM unnest(${keys}::text[]) AS k(key)
      JOIN sign_in_attempts a ON a.at > ${since} AND a.succeeded IS NOT TRUE
        AND (k.key = 'account:' || a.email OR k.key = 'address:' || a.ip)
      GROUP BY k.key
      HAVING count(a.id) >= ${ctx.auth.signInFailuresAllowed}
      ORDER BY oldest DESC
      LIMIT 1`;
    if (!counts) {
      const attempt = await tx.signInAttempt.create({ data: { email, ip }, select: { id: true } });
      return { attempt: attempt.id, until: null };
    }
    const until = new Date(counts.oldest.getTime() + ctx.auth.signInWindowMs);
    await tx.$executeRaw`
      INSERT INTO sign_in_lockouts (key, until) VALUES (${counts.key}, ${until})
      ON CONFLICT (key) DO UPDATE SET refused = sign_in_lockouts.refused + 1, until = excluded.until`;
    return { attempt: null, until };
  });
  if (outcome.until === null) return outcome.attempt;
  const retryAfterSeconds = Math.max(1, Math.ceil((outcome.until.getTime() - Date.now()) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  throw new AppError(
    "rate_limited",
    `Too many failed sign-ins for this account or from this address; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    undefined,
    { retryAfterSeconds },
  );
}

/**
 * Records how a reserved attempt ended: a success no longer counts against the limit, and an attempt that could not
 * be decided (the directory did not answer) is forgotten.
 */
export async function endSignInAttempt(
  ctx: Pick<Context, "db">,
  attempt: bigint,
  outcome: "succeeded" | "failed" | "undecided",
) {
  if (outcome === "undecided") await ctx.db.signInAttempt.delete({ where: { id: attempt } });
  else await ctx.db.signInAttempt.update({ where: { id: attempt }, data: { succeeded: outcome === "succeeded" } });
}

/** Writes one `auth.sign_in_refused` entry, with the number of attempts refused, for each lock-out that has ended. */
async function auditEndedLockouts(tx: Tx) {
  const ended = await tx.$queryRaw<{ key: string; startedAt: Date; until: Date; refused: number }[]>`
    DELETE FROM sign_in_lockouts WHERE until <= now()
    RETURNING key, started_at AS "startedAt", until, refused`;
  for (const lockout of ended) {
    const [, kind, value] = /^(account|address):(.*)$/.exec(lockout.key) ?? [];
    await writeAudit(
      tx,
      { kind: "anonymous" },
      {},
      {
        action: "auth.sign_in_refused",
        targetType: "user",
        diff: { after: { [kind === "account" ? "email" : "ip"]: value, ...lockout, key: undefined } },
      },
    );
  }
}
