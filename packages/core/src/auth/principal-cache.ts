import type { Principal } from "@berth/policy";

/** The channel Postgres's triggers name changed sessions, users and tokens on (migration principal_changes). */
export const PRINCIPALS_CHANNEL = "berth_principals";
const TTL_MS = 10_000;

/** What a session or token resolved to, with whose rights it depends on and until when it holds at most. */
export interface ResolvedPrincipal {
  principal: Principal;
  userId: string;
  tokenId?: string;
  until: number;
}

export type PrincipalCache = ReturnType<typeof createPrincipalCache>;

/**
 * Principals of sessions and API tokens, each kept for 10 s at most (less when its session or token expires sooner),
 * so that a page's many requests do not each ask Postgres who they are. A change of a session, user, membership or
 * token ends the entries it concerns: Postgres says so on PRINCIPALS_CHANNEL within milliseconds of the commit, to
 * every process (`listening` must be told whether that channel is heard; while it is not, nothing is kept), and the
 * process that made the change forgets at once (`forgetAll`).
 */
export function createPrincipalCache() {
  const entries = new Map<string, ResolvedPrincipal>();
  let listening = false;
  /** Counts changes: a resolution that a change overtook is not kept, as it may predate the change. */
  let generation = 0;
  const drop = (matches: (key: string, entry: ResolvedPrincipal) => boolean) => {
    generation++;
    for (const [key, entry] of entries) if (matches(key, entry)) entries.delete(key);
  };
  return {
    /** The principal of `key` (a session id, a token's hash): kept, or resolved by `load` (null: none). */
    async resolve(key: string, load: () => Promise<ResolvedPrincipal | null>): Promise<Principal | null> {
      const kept = entries.get(key);
      if (kept && kept.until > Date.now()) return kept.principal;
      const started = generation;
      const resolved = await load();
      if (resolved && listening && generation === started) {
        entries.set(key, { ...resolved, until: Math.min(resolved.until, Date.now() + TTL_MS) });
      }
      return resolved?.principal ?? null;
    },
    /** A notification: `session:<id>`, `user:<id>` (its sessions and the tokens it made), `token:<id>`. */
    changed(payload: string) {
      const [kind, id] = [payload.slice(0, payload.indexOf(":")), payload.slice(payload.indexOf(":") + 1)];
      if (kind === "session") drop((key) => key === id);
      else if (kind === "user") drop((_, entry) => entry.userId === id);
      else if (kind === "token") drop((_, entry) => entry.tokenId === id);
      else drop(() => true);
    },
    /**
     * A change this process made (any request that changes something): forgets everything at once, so that its next
     * request never meets the principal it changed, before Postgres's notification comes back to it.
     */
    forgetAll() {
      drop(() => true);
    },
    /** Whether the channel is heard; each change forgets everything (what was said meanwhile was not heard). */
    listening(heard: boolean) {
      listening = heard;
      drop(() => true);
    },
  };
}
