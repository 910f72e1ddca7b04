import type { Db } from "@berth/db";
import type { Principal } from "@berth/policy";
import { AppError } from "../errors";
import { tokenState, withCreator } from "../tokens/token-state";
import { hashSecret } from "./secrets";

/** Only record last use once a minute, so that a busy script is not a write per request. */
const TOUCH_AFTER_MS = 60_000;

/**
 * The principal an `Authorization: Bearer berth_…` token acts as, checked on every request: its role narrowed to what
 * its creator may do now. A 401 saying why when the token is unknown, revoked, expired, or its creator lost every
 * right it stood for.
 */
export async function resolveApiToken(db: Db, token: string): Promise<Principal> {
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashSecret(token) }, include: withCreator });
  if (!row) throw new AppError("unauthenticated", "This API token is unknown: check that it was copied whole.");
  const now = new Date();
  const state = tokenState(row, now);
  if ("inactiveReason" in state) throw new AppError("unauthenticated", state.inactiveReason);
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return state.principal;
}
