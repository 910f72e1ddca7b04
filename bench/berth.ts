/**
 * What the benchmarks share: the test environment, and Berth's web and worker run as production processes, built
 * from this checkout, with the Node flags and malloc settings docker-compose.yml gives them.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "@berth/config";
import { authSettingsFrom, type Context, fenceSettingsFrom } from "@berth/core";
import type { Db } from "@berth/db";
import { createDocker, createSwarmSnapshot, type DockerClient } from "@berth/docker";
import { parse } from "yaml";
import { ENV_FILE, readTestEnv } from "../test/test-env";
import { webServer } from "../test/web-server";

export const ROOT = path.resolve(import.meta.dirname, "..");

/** The test environment's addresses, after starting it when it has not run yet. */
export function testEnv() {
  if (!existsSync(ENV_FILE)) execFileSync("scripts/test-env", ["up"], { cwd: ROOT, stdio: "inherit" });
  return readTestEnv();
}

/**
 * A Context acting as the system (the policy lets it do anything), to seed and read through Berth's use-cases; its
 * Swarm snapshot follows the engine at `dockerHost` from its first use.
 */
export function systemContext(databaseUrl: string, db: Db, docker: DockerClient, dockerHost: string): Context {
  return {
    db,
    docker,
    swarm: createSwarmSnapshot(docker, createDocker(dockerHost, { streaming: true })),
    principal: { kind: "system", name: "bench" },
    request: {},
    auth: authSettingsFrom(
      loadConfig({ ...process.env, DATABASE_URL: databaseUrl, BERTH_SECRET_KEY: Buffer.alloc(32).toString("base64") }),
    ),
    fence: fenceSettingsFrom(loadConfig(process.env, ["BERTH_PUBLISHED_PORTS", "BERTH_TENANT_PLACEMENT"])),
  };
}

/**
 * The Node flags of a service's command in docker-compose.yml and glibc's malloc settings of its environment: the
 * benchmarks measure the processes the stack runs.
 */
function composeRun(service: "web" | "worker"): { flags: string[]; env: Record<string, string> } {
  const compose = parse(readFileSync(path.join(ROOT, "docker-compose.yml"), "utf8"));
  const { command, environment } = compose.services[service] as { command: string[]; environment: object };
  return {
    flags: command.filter((arg) => arg.startsWith("--")),
    env: Object.fromEntries(Object.entries(environment).filter(([name]) => name.startsWith("MALLOC_"))),
  };
}

/** Resident memory of a process and its descendants, in MB. */
export function treeRssMb(pid: number): number {
  const children = (p: number): number[] => {
    const file = `/proc/${p}/task/${p}/children`;
    const kids = existsSync(file) ? readFileSync(file, "utf8").trim().split(/\s+/).filter(Boolean).map(Number) : [];
    return [p, ...kids.flatMap(children)];
  };
  const kb = children(pid).reduce((sum, p) => {
    const status = existsSync(`/proc/${p}/status`) ? readFileSync(`/proc/${p}/status`, "utf8") : "";
    return sum + Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }, 0);
  return Math.round(kb / 1024);
}

/** CPU time (user + system) a process has used so far, in seconds: /proc/<pid>/stat counts it in clock ticks of 10 ms. */
export function cpuSeconds(pid: number): number {
  // The command name in parentheses may hold spaces: count the fields after it.
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface BerthOptions {
  port: number;
  /** Environment of both processes: DATABASE_URL, DOCKER_HOST, BERTH_SECRET_KEY, … */
  env: Record<string, string>;
  /** What differs for web: its DOCKER_HOST through a relay, say. */
  webEnv?: Record<string, string>;
  /** Node flags for web on top of docker-compose.yml's. */
  webNodeFlags?: string[];
}

/**
 * Builds web and worker (turbo: cached when nothing changed), starts them, and answers once web answers /healthz.
 * Each runs in a process group of its own, so that `stop` ends it and nothing it started.
 */
export async function startBerth({ port, env, webEnv = {}, webNodeFlags = [] }: BerthOptions) {
  execFileSync("npx", ["turbo", "run", "build", "--output-logs=errors-only"], { cwd: ROOT, stdio: "inherit" });
  const base = `http://127.0.0.1:${port}`;
  const processEnv = { ...process.env, BERTH_PUBLIC_URL: base, LOG_LEVEL: "warn", ...env };
  const server = webServer(port);
  const start = (argv: string[], extraEnv: Record<string, string>): ChildProcess =>
    spawn(argv[0] ?? "", argv.slice(1), {
      cwd: ROOT,
      env: { ...processEnv, ...extraEnv },
      stdio: "ignore",
      detached: true,
    });
  const [webRun, workerRun] = [composeRun("web"), composeRun("worker")];
  const web = start([server.argv[0] ?? "", ...webRun.flags, ...webNodeFlags, ...server.argv.slice(1)], {
    ...webRun.env,
    ...server.env,
    ...webEnv,
  });
  const worker = start(["node", ...workerRun.flags, "apps/worker/dist/main.js"], workerRun.env);
  /** Waits for both to exit (a worker finishes its reconcile pass first), SIGKILLing what still runs after 10 s. */
  const stop = () => Promise.all([web, worker].map(end));
  for (let i = 0; i < 60; i++) {
    const up = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { base, web, worker, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`web did not answer ${base}/healthz within 30 s`);
}

async function end(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid ?? 0), signal);
    } catch {
      // The group is gone already.
    }
  };
  signalGroup("SIGTERM");
  const timer = setTimeout(() => signalGroup("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
