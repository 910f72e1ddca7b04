import { RECONCILE_CHANNEL, reconcileAll, reconcileProject } from "@berth/core";
import type { Db } from "@berth/db";
import type { DockerClient } from "@berth/docker";
import pg from "pg";
import type { Logger } from "pino";

/** Only one worker replica reconciles at a time: the one holding this session-level advisory lock. */
const LEADER_LOCK = 0x62657274_01; // "bert" + job kind 1 (reconcile)
const FULL_PASS_MS = 10_000;
const LEADER_RETRY_MS = 5_000;

interface Options {
  db: Db;
  docker: DockerClient;
  databaseUrl: string;
  log: Logger;
}

/**
 * Runs until `signal` aborts: becomes leader, then reconciles a project as soon as a NOTIFY names it and every
 * project every 10 s, so that changes made while Docker was away are still converged when it returns.
 */
export async function runReconcileLoop({ db, docker, databaseUrl, log }: Options, signal: AbortSignal) {
  const listener = new pg.Client({ connectionString: databaseUrl });
  await listener.connect();
  signal.addEventListener("abort", () => void listener.end());
  while (!signal.aborted) {
    const { rows } = await listener.query("SELECT pg_try_advisory_lock($1) AS leader", [LEADER_LOCK]);
    if (rows[0]?.leader) break;
    await sleep(LEADER_RETRY_MS, signal);
  }
  if (signal.aborted) return;
  log.info("reconciler is leader");

  const pending = new Set<string>();
  let wake: () => void = () => {};
  listener.on("notification", (n) => {
    if (n.payload) pending.add(n.payload);
    wake();
  });
  await listener.query(`LISTEN ${RECONCILE_CHANNEL}`);

  let nextFullPass = 0;
  while (!signal.aborted) {
    const ctx = { db, docker };
    try {
      if (Date.now() >= nextFullPass) {
        pending.clear();
        const { projects, failures } = await reconcileAll(ctx);
        for (const f of failures) log.warn({ projectId: f.projectId, err: f.error.message }, "reconcile failed");
        log.debug({ projects }, "full reconcile pass");
        nextFullPass = Date.now() + FULL_PASS_MS;
      }
      for (const id of [...pending]) {
        pending.delete(id);
        const result = await reconcileProject(ctx, id);
        log.info({ projectId: id, result }, "project reconciled");
      }
    } catch (error) {
      log.warn({ err: (error as Error).message }, "reconcile failed; retrying on the next pass");
    }
    await new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, Math.max(0, nextFullPass - Date.now()));
      if (pending.size) resolve();
    });
  }
}

function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
