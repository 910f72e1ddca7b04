import type { Db } from "@berth/db";
import type { AuthSettings } from "./auth-settings";
import type { PrincipalCache } from "./principal-cache";
import { principalOf } from "./principal-of";
import { hashSecret } from "./secrets";

/** Refresh last-seen at most once a minute (sooner for short idle times), so that a page read is not a write. */
const TOUCH_AFTER_MS = 60_000;

/**
 * The principal a session cookie stands for, or null when it is unknown, expired or idle too long; kept by `cache`
 * until its session ends, its user changes, 10 s pass or it expires.
 */
export function resolveSession(db: Db, auth: AuthSettings, cache: PrincipalCache, token: string) {
  const id = hashSecret(token);
  return cache.resolve(id, async () => {
    const session = await db.session.findUnique({
      where: { id },
      include: { user: { include: { memberships: true } } },
    });
    if (!session) return null;
    const now = Date.now();
    const idleUntil = session.lastSeenAt.getTime() + auth.sessionIdleMs;
    if (session.expiresAt.getTime() <= now || idleUntil <= now) {
      await db.session.deleteMany({ where: { id } });
      return null;
    }
    const touched = now - session.lastSeenAt.getTime() > Math.min(TOUCH_AFTER_MS, auth.sessionIdleMs / 4);
    if (touched) await db.session.update({ where: { id }, data: { lastSeenAt: new Date(now) } });
    const until = Math.min(session.expiresAt.getTime(), touched ? now + auth.sessionIdleMs : idleUntil);
    return { principal: principalOf(session.user), userId: session.userId, until };
  });
}
