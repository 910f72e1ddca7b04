import type { Db } from "@berth/db";
import type { Principal } from "@berth/policy";
import { hashSecret } from "./secrets";

/** Only record last use once a minute, so that a busy script is not a write per request. */
const TOUCH_AFTER_MS = 60_000;

/** The principal an `Authorization: Bearer berth_…` token stands for, or null when unknown, revoked or expired. */
export async function resolveApiToken(db: Db, token: string): Promise<Principal | null> {
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashSecret(token) } });
  const now = Date.now();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now)) return null;
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return {
    kind: "token",
    tokenId: row.id,
    name: row.name,
    platformRole: row.platformRole,
    memberships: row.tenantId && row.tenantRole ? [{ tenantId: row.tenantId, role: row.tenantRole }] : [],
  };
}
