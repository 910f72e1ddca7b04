import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

// The worker process against a database whose reconcile pass fails every time (no tables: as while a migration is
// missing): it keeps running and retries every few seconds, never in a loop that floods the log and burns a core; and
// SIGTERM stops it cleanly.
const ROOT = path.resolve(import.meta.dirname, "..");
const server = new URL(inject("ownerDatabaseUrl"));
const name = `berth_empty_${randomBytes(4).toString("hex")}`;
const admin = async (statement: string) => {
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  await client.query(statement);
  await client.end();
};

beforeAll(() => admin(`CREATE DATABASE "${name}"`));
afterAll(() => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

/** The worker against the empty database; `log` is what it has logged so far. */
function startWorker() {
  const url = new URL(server);
  url.pathname = `/${name}`;
  const worker = spawn("node", ["apps/worker/dist/main.js"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      DATABASE_URL: url.toString(),
      DOCKER_HOST: inject("dockerHost"),
      BERTH_SECRET_KEY: Buffer.alloc(32, 9).toString("base64"),
      BERTH_INSTANCE: inject("berthInstance"),
      LOG_LEVEL: "info",
    },
  });
  const state = { log: "", exited: new Promise<number | null>((resolve) => worker.on("exit", resolve)) };
  worker.stdout.on("data", (d) => (state.log += d));
  return Object.assign(state, { worker });
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the worker process", () => {
  it("stays up when its reconcile pass fails, and retries every few seconds", async () => {
    const run = startWorker();
    await sleep(6_000);
    const running = run.worker.exitCode === null;
    run.worker.kill("SIGTERM");
    const failures = run.log.split("\n").filter((line) => line.includes("reconcile failed")).length;
    expect(running).toBe(true);
    expect(failures).toBeGreaterThanOrEqual(1);
    expect(failures).toBeLessThanOrEqual(5);
  });

  it("stops on SIGTERM after the pass in flight, with status 0", async () => {
    const run = startWorker();
    for (let i = 0; i < 100 && !run.log.includes("reconciler is leader"); i++) await sleep(100);
    run.worker.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    expect(run.log).toContain("stopping after the reconcile pass in flight");
  });
});
