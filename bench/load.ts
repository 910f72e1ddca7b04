/**
 * npm run bench:load [-- --connections 200 --duration 30 --projects 1000 --sse-clients 200 --scales 10
 *                        --only http|sse --web-node-flags "--liftoff-only"]
 * Berth under load: 1,000 projects (one with running services), web and worker as production processes, and
 * autocannon against Berth's services endpoint, projects list, a server-rendered page, /me and /healthz, and against
 * the raw Engine API calls that the services endpoint stands for, at the same concurrency in the same run. Web reaches
 * Docker through a relay that counts its Engine API calls. Then 200 clients on one project's event stream while its
 * service is scaled through Berth. It prints figures; it asserts nothing.
 */
import { parseArgs } from "node:util";
import { createUser } from "@berth/core";
import { createDb } from "@berth/db";
import { buildNetworkSpec, buildServiceSpec, createDocker, LABEL, projectFilter, removeProject } from "@berth/docker";
import autocannon from "autocannon";
import { startDockerRelay } from "../test/docker-relay";
import { createTestDatabase } from "../test/test-env";
import { closedPort } from "../test/web-server";
import { cpuSeconds, startBerth, systemContext, testEnv, treeRssMb } from "./berth";
import { watchScaling } from "./load-sse";

// parseArgs takes a value that starts with a dash only as `--web-node-flags=--liftoff-only`: accept the spaced form too.
const argv = process.argv.slice(2);
const flagsAt = argv.indexOf("--web-node-flags");
if (flagsAt >= 0) argv.splice(flagsAt, 2, `--web-node-flags=${argv[flagsAt + 1] ?? ""}`);
const { values: args } = parseArgs({
  args: argv,
  options: {
    connections: { type: "string", default: "200" },
    duration: { type: "string", default: "30" },
    projects: { type: "string", default: "1000" },
    "sse-clients": { type: "string", default: "200" },
    scales: { type: "string", default: "10" },
    only: { type: "string" },
    "web-node-flags": { type: "string", default: "" },
  },
});
const CONNECTIONS = Number(args.connections);
const DURATION = Number(args.duration);
const PROJECTS = Number(args.projects);
const SERVICES = ["api", "jobs", "cache"];
const ADMIN = { email: "bench-load@berth.test", password: "the bench admin's own password" };

const env = testEnv();
const database = await createTestDatabase(env.POSTGRES_URL);
const db = createDb(database.url);
const docker = createDocker(env.DOCKER_HOST);
const relay = await startDockerRelay(env.DOCKER_HOST);
const tenant = `bench-${Date.now().toString(36)}`;
/** The project whose services run; the others are empty, as most projects in a list are at a glance. */
const live = { tenant, project: "p0000" };
let berth: Awaited<ReturnType<typeof startBerth>> | undefined;

/** Runs `fn` over `items`, 8 at a time: the engine takes parallel creations well, not hundreds at once. */
async function eightAtATime<T>(items: T[], fn: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += 8) await Promise.all(items.slice(i, i + 8).map(fn));
}

/**
 * Rows straight into Postgres and objects straight into Swarm, as the reconciler makes them (the same network and
 * service specs, no fence: BERTH_TENANT_PLACEMENT is empty, the test swarm's one node is a manager), so that the
 * worker finds nothing to change. Answers the live project's id once its tasks run.
 */
async function seed(): Promise<string> {
  const started = Date.now();
  const { id: tenantId } = await db.tenant.create({ data: { slug: tenant, name: "Bench load" } });
  const slugs = Array.from({ length: PROJECTS }, (_, i) => `p${String(i).padStart(4, "0")}`);
  await db.project.createMany({ data: slugs.map((slug) => ({ tenantId, slug, name: slug })) });
  const { id } = await db.project.findFirstOrThrow({ where: { tenantId, slug: live.project } });
  const service = { image: "berth-test/busybox:1", command: ["sleep", "3600"], replicas: 1, ports: [] };
  await db.service.createMany({ data: SERVICES.map((name) => ({ ...service, name, projectId: id, tenantId })) });
  await eightAtATime(slugs, (project) => docker.createNetwork(buildNetworkSpec({ tenant, project })));
  await Promise.all(SERVICES.map((name) => docker.createService(buildServiceSpec({ ...live, ...service, name }))));
  const running = async () => {
    const tasks = await docker.listTasks({ filters: { ...projectFilter(live), "desired-state": ["running"] } });
    return tasks.filter((t) => t.Status?.State === "running").length;
  };
  while ((await running()) < SERVICES.length) await new Promise((r) => setTimeout(r, 500));
  console.log(`seeded ${PROJECTS} projects, ${SERVICES.length} running services in ${(Date.now() - started) / 1000} s`);
  return id;
}

/** Stops web and worker (so that the reconciler recreates nothing), then removes every object and row of the run. */
const cleanUp = once(async () => {
  try {
    await berth?.stop();
    await removeProject(docker, live);
    const networks = await docker.listNetworks({ filters: { label: [`${LABEL.tenant}=${tenant}`] } });
    const others = networks.filter((n) => n.Labels?.[LABEL.project] !== live.project);
    await eightAtATime(others, (n) => docker.getNetwork(n.Id).remove());
    // Swarm lets a removed network linger until its last task is gone: wait and say what is left, if anything.
    const filters = { label: [`${LABEL.tenant}=${tenant}`] };
    let left = 1;
    for (let i = 0; i < 60 && left; i++) {
      left = (await docker.listNetworks({ filters })).length + (await docker.listServices({ filters })).length;
      if (left) await new Promise((r) => setTimeout(r, 500));
    }
    if (left) console.log(`${left} Swarm objects of ${tenant} are left: remove them with docker network/service rm`);
  } finally {
    await relay.close();
    await db.$disconnect();
    await database.drop();
  }
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

function once(fn: () => Promise<void>) {
  let run: Promise<void> | undefined;
  return () => {
    run ??= fn();
    return run;
  };
}

async function signIn(base: string): Promise<string> {
  await createUser(systemContext(database.url, db, docker, env.DOCKER_HOST), { ...ADMIN, platformRole: "admin" });
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  if (!response.ok) throw new Error(`the bench admin could not sign in: ${await response.text()}`);
  return response.headers.getSetCookie()[0]?.split(";")[0] ?? "";
}

interface Target {
  name: string;
  url: string;
  headers?: Record<string, string>;
  /** For the raw Engine API: its unix socket. */
  socketPath?: string;
}

const percentile = (sorted: number[], p: number) => Math.round(sorted[Math.ceil(sorted.length * p) - 1] ?? NaN);

/** One autocannon run, with the figures of web (CPU, RSS) and of its Engine API calls during it. */
async function load(target: Target, webPid: number) {
  // Warm: the route's code loaded and Prisma's query compiler compiled, outside the figures.
  for (let i = 0; i < 20 && !target.socketPath; i++)
    await (await fetch(target.url, { headers: target.headers })).text();
  const latencies: number[] = [];
  const since = Date.now();
  const cpuBefore = cpuSeconds(webPid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        headers: target.headers,
        socketPath: target.socketPath,
        connections: CONNECTIONS,
        duration: DURATION,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  const seconds = (Date.now() - since) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    run: target.name,
    "req/s": Math.round(result.requests.average),
    "p50 ms": percentile(latencies, 0.5),
    "p95 ms": percentile(latencies, 0.95),
    "p99 ms": percentile(latencies, 0.99),
    "errors (timeouts)": `${result.errors} (${result.timeouts})`,
    "non-2xx": result.non2xx,
    "web Engine API calls/s": Math.round(relay.calls(since).length / seconds),
    "web CPU s": Number((cpuSeconds(webPid) - cpuBefore).toFixed(1)),
    "web RSS MB at end": treeRssMb(webPid),
  };
}

try {
  const liveId = await seed();
  berth = await startBerth({
    port: await closedPort(),
    env: {
      DATABASE_URL: database.url,
      DOCKER_HOST: env.DOCKER_HOST,
      BERTH_SECRET_KEY: Buffer.alloc(32, 7).toString("base64"),
      BERTH_TENANT_PLACEMENT: "",
    },
    webEnv: { DOCKER_HOST: relay.dockerHost },
    webNodeFlags: args["web-node-flags"].split(" ").filter(Boolean),
  });
  const { base, web } = berth;
  const webPid = web.pid ?? 0;
  const cookie = await signIn(base);
  console.log(
    `web ${base} (pid ${webPid}, Node flags +[${args["web-node-flags"]}]); ${CONNECTIONS} connections, ${DURATION} s each`,
  );

  if (args.only !== "sse") {
    const headers = { cookie };
    const filters = encodeURIComponent(JSON.stringify(projectFilter(live)));
    const engine = { socketPath: new URL(env.DOCKER_HOST).pathname };
    const targets: Target[] = [
      { name: "GET /api/v1/projects/{id}/services", url: `${base}/api/v1/projects/${liveId}/services`, headers },
      { name: `GET /api/v1/projects (${PROJECTS})`, url: `${base}/api/v1/projects`, headers },
      { name: "GET /projects/{id} (page)", url: `${base}/projects/${liveId}`, headers },
      { name: "GET /api/v1/me", url: `${base}/api/v1/me`, headers },
      { name: "GET /healthz", url: `${base}/healthz` },
      { name: "Engine GET /tasks?filters=project", url: `http://docker/tasks?filters=${filters}`, ...engine },
      {
        name: "Engine GET /services?status=true&filters=project",
        url: `http://docker/services?status=true&filters=${filters}`,
        ...engine,
      },
    ];
    const rows = [];
    for (const target of targets) {
      console.log(`  ${target.name} …`);
      rows.push(await load(target, webPid));
    }
    console.table(rows);
  }

  if (args.only !== "http") {
    const rows = (await (
      await fetch(`${base}/api/v1/projects/${liveId}/services`, { headers: { cookie } })
    ).json()) as {
      id: string;
      name: string;
    }[];
    const service = rows.find((row) => row.name === SERVICES[0]);
    const figures = await watchScaling({
      base,
      cookie,
      projectId: liveId,
      serviceId: service?.id ?? "",
      swarmService: `${tenant}_${live.project}_${SERVICES[0]}`,
      dockerHost: env.DOCKER_HOST,
      relay,
      clients: Number(args["sse-clients"]),
      scales: Number(args.scales),
    });
    console.table(Object.entries(figures).map(([figure, value]) => ({ figure, value })));
  }
  console.log(`web RSS at the end: ${treeRssMb(webPid)} MB`);
} finally {
  await cleanUp();
}
