import { type FenceSettings, RECONCILE_CHANNEL, reconcileAll, reconcileProject } from "@berth/core";
import { type Db, holdLeaderChannel } from "@berth/db";
import type { DockerClient } from "@berth/docker";
import type { Logger } from "pino";

/** Only one worker replica reconciles at a time: the one holding this session-level advisory lock. */
const LEADER_LOCK = 0x62657274_01; // "bert" + job kind 1 (reconcile)
const FULL_PASS_MS = 10_000;
/** After a failed pass (Postgres or Docker away), the next one comes this much sooner than a full pass would. */
const RETRY_MS = 2_000;

interface Options {
  db: Db;
  docker: DockerClient;
  fence: FenceSettings;
  instance?: string;
  databaseUrl: string;
  log: Logger;
}

/**
 * Runs until `signal` aborts: while leader, reconciles a project as soon as a NOTIFY names it and every project every
 * 10 s, so that changes made while Docker was away are still converged when it returns. Losing Postgres costs the
 * leadership, not the process: the channel comes back by itself (holdLeaderChannel), and failed passes are retried.
 */
export async function runReconcileLoop(
  { db, docker, fence, instance, databaseUrl, log }: Options,
  signal: AbortSignal,
) {
  const pending = new Set<string>();
  let leader = false;
  let nextFullPass = 0;
  let wake: () => void = () => {};
  signal.addEventListener("abort", () => wake(), { once: true });
  const channel = holdLeaderChannel({
    databaseUrl,
    lock: LEADER_LOCK,
    channel: RECONCILE_CHANNEL,
    signal,
    onNotification: (projectId) => {
      pending.add(projectId);
      wake();
    },
    onLeadership: (now, error) => {
      leader = now;
      nextFullPass = 0;
      if (now) log.info("reconciler is leader");
      else if (error) log.warn({ err: error.message }, "reconciler lost its database connection; reconnecting");
      wake();
    },
  });

  while (!signal.aborted) {
    const ctx = { db, docker, fence, instance };
    try {
      if (leader && Date.now() >= nextFullPass) {
        pending.clear();
        const { projects, failures } = await reconcileAll(ctx);
        for (const f of failures) log.warn({ projectId: f.projectId, err: f.error.message }, "reconcile failed");
        log.debug({ projects }, "full reconcile pass");
        // A pass in which every project failed is a failed pass (Docker away, say), retried as soon as one that threw.
        const failed = projects > 0 && failures.length === projects;
        nextFullPass = Date.now() + (failed ? RETRY_MS : FULL_PASS_MS);
      }
      for (const id of leader ? [...pending] : []) {
        pending.delete(id);
        const result = await reconcileProject(ctx, id);
        log.info({ projectId: id, result }, "project reconciled");
      }
    } catch (error) {
      log.warn({ err: (error as Error).message }, "reconcile failed; retrying on the next pass");
      nextFullPass = Date.now() + RETRY_MS;
    }
    // Until the next pass is due, or something wakes it; the timer goes with it, so that a stop is not held up. A stop
    // that came during the pass (when `wake` was still the last wait's) ends the wait at once.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => wake(), leader ? Math.max(0, nextFullPass - Date.now()) : FULL_PASS_MS);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
      if (signal.aborted || (leader && pending.size)) wake();
    });
  }
  await channel;
}
