import type { Db } from "@berth/db";
import type { Principal } from "@berth/policy";
import { AppError } from "../errors";
import { tokenState, withCreator } from "../tokens/token-state";
import type { PrincipalCache } from "./principal-cache";
import { hashSecret } from "./secrets";

/** Only record last use once a minute, so that a busy script is not a write per request. */
const TOUCH_AFTER_MS = 60_000;

/**
 * The principal an `Authorization: Bearer berth_…` token acts as, checked on every request: its role narrowed to what
 * its creator may do now (kept by `cache` until the token or its creator changes, 10 s pass or it expires). A 401
 * saying why when the token is unknown, revoked, expired, or its creator lost every right it stood for.
 */
export async function resolveApiToken(db: Db, cache: PrincipalCache, token: string): Promise<Principal> {
  // The loader throws why a token does not resolve rather than answering null: the answer is always a principal.
  return (await cache.resolve(hashSecret(token), async () => {
    const row = await db.apiToken.findUnique({ where: { tokenHash: hashSecret(token) }, include: withCreator });
    if (!row) throw new AppError("unauthenticated", "This API token is unknown: check that it was copied whole.");
    const now = new Date();
    const state = tokenState(row, now);
    if ("inactiveReason" in state) throw new AppError("unauthenticated", state.inactiveReason);
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
      await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
    }
    const until = row.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
    return { principal: state.principal, userId: row.createdById, tokenId: row.id, until };
  })) as Principal;
}
