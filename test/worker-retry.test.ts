import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

// The worker against a database whose reconcile pass fails every time (no tables: as while a migration is missing):
// it keeps running and retries every few seconds, never in a loop that floods the log and burns a core.
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

describe("the worker when its reconcile pass fails", () => {
  it("stays up and retries every few seconds", async () => {
    const url = new URL(server);
    url.pathname = `/${name}`;
    const worker = spawn("node", ["apps/worker/dist/main.js"], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        DATABASE_URL: url.toString(),
        DOCKER_HOST: inject("dockerHost"),
        BERTH_SECRET_KEY: Buffer.alloc(32, 9).toString("base64"),
        LOG_LEVEL: "warn",
      },
    });
    let log = "";
    worker.stdout.on("data", (d) => (log += d));
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const running = worker.exitCode === null;
    worker.kill("SIGTERM");
    const failures = log.split("\n").filter((line) => line.includes("reconcile failed")).length;
    expect(running).toBe(true);
    expect(failures).toBeGreaterThanOrEqual(1);
    expect(failures).toBeLessThanOrEqual(5);
  });
});
