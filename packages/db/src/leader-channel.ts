import pg from "pg";

export interface LeaderChannelOptions {
  databaseUrl: string;
  /** The session-level advisory lock that one process holds at a time: the leader. Without one, every process
   * listening is "leader": a broadcast channel. */
  lock?: number;
  /** The NOTIFY channel the leader listens on. */
  channel: string;
  onNotification: (payload: string) => void;
  /** Each change: now leader, or no longer (with the error that broke the connection, when one did). */
  onLeadership: (leader: boolean, error?: Error) => void;
  signal: AbortSignal;
}

const LEADER_RETRY_MS = 5_000;
const MAX_BACKOFF_MS = 30_000;

/**
 * Keeps a connection of its own that takes `lock` and then LISTENs on `channel`, until `signal` aborts. A broken
 * connection (Postgres restarted, unreachable) never escapes as an unhandled error: leadership ends with it, and the
 * connection is made again after a backoff with jitter (0.5 s doubling to 30 s), the lock taken again by whichever
 * process gets it first.
 */
export async function holdLeaderChannel(options: LeaderChannelOptions): Promise<void> {
  const { signal } = options;
  for (let failures = 0; !signal.aborted; ) {
    const error = await leadUntilLost(options);
    if (signal.aborted) return;
    failures = error ? failures + 1 : 0;
    const backoff = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.max(0, failures - 1));
    await sleep(error ? backoff * (0.5 + Math.random() / 2) : 0, signal);
  }
}

/** One connection's life: leader once it holds the lock, until the connection is lost (its error) or `signal` aborts. */
async function leadUntilLost(options: LeaderChannelOptions): Promise<Error | undefined> {
  const { databaseUrl, lock, channel, onNotification, onLeadership, signal } = options;
  const client = new pg.Client({ connectionString: databaseUrl });
  let onAbort = () => {};
  const lost = new Promise<Error | undefined>((resolve) => {
    client.on("error", resolve);
    client.on("end", () => resolve(new Error("the connection to Postgres ended")));
    onAbort = () => resolve(undefined);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  let leader = false;
  let error: Error | undefined;
  try {
    await client.connect();
    while (lock !== undefined) {
      const { rows } = await client.query<{ leader: boolean }>("SELECT pg_try_advisory_lock($1) AS leader", [lock]);
      if (rows[0]?.leader) break;
      const interrupted = await Promise.race([lost.then(() => true), sleep(LEADER_RETRY_MS, signal).then(() => false)]);
      if (interrupted || signal.aborted) return await lost;
    }
    client.on("notification", (n) => n.payload && onNotification(n.payload));
    await client.query(`LISTEN ${channel}`);
    leader = true;
    onLeadership(true);
    error = await lost;
  } catch (thrown) {
    error = thrown as Error;
  } finally {
    signal.removeEventListener("abort", onAbort);
    await client.end().catch(() => undefined);
  }
  if (leader) onLeadership(false, error);
  return error;
}

function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
