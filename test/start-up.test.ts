import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { closedPort, webServer } from "./web-server";

// Start-up of the real processes (the worker, and the production build of web) with a broken environment: each
// stops with one sentence naming what is wrong.
const ROOT = path.resolve(import.meta.dirname, "..");
const KEY = Buffer.alloc(32, 3).toString("base64");

/** Runs a command until it exits (or `ms` pass: then it is killed, code null) and returns its exit code and output. */
function run(
  argv: string[],
  env: Record<string, string>,
  ms = 60_000,
): Promise<{ code: number | null; output: string }> {
  const [command = "", ...args] = argv;
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...env },
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), ms);
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.trim() });
    }),
  );
}

const worker = { argv: ["node", "apps/worker/dist/main.js"], env: {} };
const web = webServer(await closedPort());

describe("start-up with a broken environment", () => {
  it("the worker names a missing variable", async () => {
    const result = await run(worker.argv, { DATABASE_URL: inject("databaseUrl"), DOCKER_HOST: inject("dockerHost") });
    expect(result).toEqual({ code: 1, output: "Environment variable BERTH_SECRET_KEY is not set." });
  });

  for (const [name, process] of [
    ["the worker", worker],
    ["web", web],
  ] as const) {
    it(`${name} names the Postgres address that does not answer, and waits for it instead of exiting`, async () => {
      const port = await closedPort();
      const result = await run(
        process.argv,
        {
          ...process.env,
          DATABASE_URL: `postgresql://berth@127.0.0.1:${port}/berth`,
          DOCKER_HOST: inject("dockerHost"),
          BERTH_SECRET_KEY: KEY,
        },
        5_000,
      );
      expect(result.code).toBeNull(); // still running when killed
      expect(result.output).toMatch(new RegExp(`Postgres is unreachable at 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
      expect(result.output).not.toMatch(/\n\s+at /); // no stack trace
    });
  }
});
