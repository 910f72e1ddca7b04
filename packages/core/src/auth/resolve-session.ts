import type { Db } from "@berth/db";
import type { Principal } from "@berth/policy";
import type { AuthSettings } from "./auth-settings";
import { principalOf } from "./principal-of";
import { hashSecret } from "./secrets";

/** Refresh last-seen at most once a minute (sooner for short idle times), so that a page read is not a write. */
const TOUCH_AFTER_MS = 60_000;

/** The principal a session cookie stands for, or null when it is unknown, expired or idle too long. */
export async function resolveSession(db: Db, auth: AuthSettings, token: string): Promise<Principal | null> {
  const id = hashSecret(token);
  const session = await db.session.findUnique({ where: { id }, include: { user: { include: { memberships: true } } } });
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + auth.sessionIdleMs <= now) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  if (now - session.lastSeenAt.getTime() > Math.min(TOUCH_AFTER_MS, auth.sessionIdleMs / 4)) {
    await db.session.update({ where: { id }, data: { lastSeenAt: new Date(now) } });
  }
  return principalOf(session.user);
}
