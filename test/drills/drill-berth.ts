import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { createDocker } from "../../packages/docker/src/client";
import { removeLabelled } from "../../packages/docker/src/reconcile-project";
import { sseMessages } from "../sse-messages";
import { readTestEnv } from "../test-env";
import { startWebServer } from "../web-server";
import { type PrivateDocker, startPrivateDocker } from "./private-docker";
import { freePort, type PrivatePostgres, type PrivatePostgresOptions, startPrivatePostgres } from "./private-postgres";
import { RESULTS_DIR } from "./verdict";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
/** The first admin, with the password the drill chooses in place of the bootstrap's one-time one. */
export const DRILL_ADMIN = { email: "admin@berth.local", password: "the drill admin's own" };

/** One service of `replicas 0`: Swarm creates it at once and runs nothing. */
export const idleService = (name: string) => ({
  name,
  image: "berth-test/busybox:1",
  command: ["sleep", "3600"],
  replicas: 0,
});

const tenServices = Array.from({ length: 10 }, (_, i) => idleService(`s${i}`));

/** Creates a 10-service project and returns once its first service is in Swarm: the worker is mid-reconcile. */
export async function createMidReconcile(berth: DrillBerth, name: string) {
  expect((await berth.createProject(name, tenServices)).status).toBe(201);
  const prefix = `${berth.tenant}_${name}_`;
  let inSwarm = 0;
  for (let i = 0; i < 1000 && inSwarm === 0; i++) {
    inSwarm = (await berth.swarm()).services.filter((service) => service.startsWith(prefix)).length;
  }
  return { prefix, inSwarm };
}

/**
 * A whole Berth for one drill, on the real Swarm: its own Postgres cluster (which the drill may restart and stop), the
 * bootstrap, the production web and the worker, the first admin signed in with a password of its own, and a tenant
 * unique to this run, whose Swarm objects `destroy` removes. `dockerHost`: the engine web, worker and drill use (by
 * default the shared test engine); `dataDiskMb`: the cluster's data on a small disk of its own (startPrivatePostgres).
 */
export async function startDrillBerth({
  dockerHost = readTestEnv().DOCKER_HOST,
  dataDiskMb,
}: { dockerHost?: string } & PrivatePostgresOptions = {}) {
  const postgres = await startPrivatePostgres({ dataDiskMb });
  const children: ChildProcess[] = [];
  try {
    return await startBerthOn(postgres, dockerHost, children);
  } catch (error) {
    for (const child of children) child.kill("SIGKILL");
    await postgres.destroy();
    throw error;
  }
}

/** Web and every worker go to `children`, for `destroy` (or a failed start) to stop. */
async function startBerthOn(postgres: PrivatePostgres, dockerHost: string, children: ChildProcess[]) {
  const env = {
    PATH: process.env.PATH ?? "",
    DATABASE_URL: postgres.url,
    DOCKER_HOST: dockerHost,
    BERTH_SECRET_KEY: Buffer.alloc(32, 13).toString("base64"),
    // The test Swarm's one node is a manager: tenants' tasks may run anywhere here.
    BERTH_TENANT_PLACEMENT: "",
    BERTH_INSTANCE: inject("berthInstance"),
    LOG_LEVEL: "info",
  };
  const { stdout } = await promisify(execFile)("node", ["apps/worker/dist/bootstrap.js"], {
    cwd: ROOT,
    env: { ...env, DATABASE_OWNER_URL: postgres.ownerUrl },
  });
  const oneTime = /One-time password:\s+(\S+)/.exec(stdout)?.[1] ?? "";
  const base = `http://127.0.0.1:${await freePort()}`;
  let log = "";
  /** Starts web on the drill's port, once the previous web (if any) has exited, as a browser keeps its URL. */
  const startWeb = async () => {
    const child = await startWebServer(Number(new URL(base).port), { ...env, BERTH_PUBLIC_URL: base }, (t) => {
      log += t;
    });
    children.push(child);
    return child;
  };
  let web = await startWeb();
  /** Starts a worker and waits until it is the leader (60 s at most): only then does it reconcile. */
  const startWorker = async () => {
    const child = spawn("node", ["apps/worker/dist/main.js"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let own = "";
    for (const stream of [child.stdout, child.stderr]) {
      stream.on("data", (d) => {
        own += d;
        log += d;
      });
    }
    for (let i = 0; i < 120 && alive(child) && !own.includes("reconciler is leader"); i++) await sleep(500);
    if (!own.includes("reconciler is leader")) throw new Error(`the worker did not become leader:\n${own}`);
    return child;
  };
  let cookie = "";
  const api = async (method: string, pathname: string, body?: unknown) => {
    const response = await fetch(`${base}/api/v1${pathname}`, {
      method,
      headers: { "content-type": "application/json", cookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch((error: Error) => ({ status: 0, headers: new Headers(), text: async () => error.message }));
    const text = await response.text();
    cookie = response.headers.get("set-cookie")?.split(";")[0] ?? cookie;
    return { status: response.status, text };
  };
  await api("POST", "/auth/login", { email: DRILL_ADMIN.email, password: oneTime });
  const changed = await api("POST", "/me/password", { currentPassword: oneTime, newPassword: DRILL_ADMIN.password });
  if (changed.status !== 200) throw new Error(`the first admin could not change its password: ${changed.text}`);
  const tenant = `drill-${randomBytes(4).toString("hex")}`;
  await api("POST", "/tenants", { slug: tenant, name: "Drills" });

  const docker = createDocker(env.DOCKER_HOST);
  const filters = { label: [`berth.tenant=${tenant}`] };
  /** The tenant's services (by name) and networks (by project) in Swarm. */
  const swarm = async () => {
    const [services, networks] = await Promise.all([
      docker.listServices({ filters }),
      docker.listNetworks({ filters }),
    ]);
    return {
      services: services.map((s) => s.Spec?.Name ?? ""),
      networks: networks.map((n) => n.Labels?.["berth.project"] ?? ""),
    };
  };
  return {
    postgres,
    base,
    get web() {
      return web;
    },
    /** SIGKILLs web, as the kernel's OOM killer would: no request it holds gets an answer. */
    killWeb: () => web.kill("SIGKILL"),
    /** Starts web again on the same port once the killed one has exited. */
    restartWeb: async () => {
      if (alive(web)) await new Promise((resolve) => web.once("exit", resolve));
      web = await startWeb();
    },
    tenant,
    api,
    startWorker,
    log: () => log,
    createProject: (name: string, services = [idleService("app")]) =>
      api("POST", "/projects", { tenant, name, services }),
    /** What is in Postgres (each project with its services and whether its audit entry is there) and in Swarm. */
    observe: async () => {
      const client = new pg.Client({ connectionString: postgres.ownerUrl });
      await client.connect();
      const { rows } = await client
        .query<{ slug: string; services: string[]; audited: boolean }>(
          `SELECT p.slug, array(SELECT s.name FROM services s WHERE s.project_id = p.id) AS services,
             EXISTS (SELECT 1 FROM audit_log a WHERE a.target_id = p.id::text) AS audited
           FROM projects p JOIN tenants t ON t.id = p.tenant_id WHERE t.slug = $1`,
          [tenant],
        )
        .finally(() => client.end());
      return { projects: rows, ...(await swarm()) };
    },
    swarm,
    /** Follows /api/v1/events as the drill admin: each message (`kind`: its event) with its time, until `close`. */
    events: async () => {
      const abort = new AbortController();
      const response = await fetch(`${base}/api/v1/events`, { headers: { cookie }, signal: abort.signal });
      if (response.status !== 200 || !response.body) throw new Error(`/api/v1/events answered ${response.status}`);
      const received: { at: number; signal: { kind: string; full?: boolean } }[] = [];
      void (async () => {
        for await (const { event, data } of sseMessages(response.body as ReadableStream<Uint8Array>)) {
          received.push({ at: Date.now(), signal: { ...JSON.parse(data), kind: event } });
        }
      })().catch(() => {
        // Aborted by `close`, or the web went away: either way the stream is over.
      });
      return { received, close: () => abort.abort() };
    },
    /** Stops web and workers, removes the tenant's Swarm objects and the cluster; web's and worker's log stay in .berth/drills/. */
    destroy: async () => {
      // Workers first: a leader still running re-creates a service removed under it, and its network cannot go then.
      await stopAll(children);
      mkdirSync(RESULTS_DIR, { recursive: true });
      writeFileSync(path.join(RESULTS_DIR, `${tenant}.log`), log);
      try {
        await removeLabelled(docker, filters);
      } finally {
        await postgres.destroy();
      }
    },
  };
}

export type DrillBerth = Awaited<ReturnType<typeof startDrillBerth>>;

/** The Berth and first worker of the drill file that calls this: started before its tests, destroyed after them. */
export function drillBerthOfThisFile({
  privateDocker = false,
  dataDiskMb,
}: { privateDocker?: boolean } & PrivatePostgresOptions = {}) {
  /** `docker`: with `privateDocker`, the engine of the drill's own that the Berth uses (startPrivateDocker). */
  const drill = {} as { berth: DrillBerth; worker: ChildProcess; docker: PrivateDocker };
  beforeAll(async () => {
    if (privateDocker) drill.docker = await startPrivateDocker();
    drill.berth = await startDrillBerth({ dockerHost: drill.docker?.host, dataDiskMb });
    drill.worker = await drill.berth.startWorker();
  });
  afterAll(async () => {
    try {
      await drill.berth?.destroy();
    } finally {
      await drill.docker?.destroy();
    }
  });
  return drill;
}
export type Observed = Awaited<ReturnType<DrillBerth["observe"]>>;

/** SIGTERM, 10 s to exit (while Postgres is still there), then SIGKILL. */
async function stopAll(children: ChildProcess[]) {
  const running = children.filter(alive);
  for (const child of running) child.kill("SIGTERM");
  const exits = running.map((child) => new Promise((resolve) => child.once("exit", resolve)));
  await Promise.race([Promise.all(exits), sleep(10_000)]);
  for (const child of running.filter(alive)) child.kill("SIGKILL");
}
