/**
 * npm run bench:services [-- --services N]
 * Creates N services (5 replicas each, held pending by a constraint no node meets, so no container runs), then times
 * Berth's service-list use-case against the raw Engine API calls it makes, in the same run, and prints the idle RSS
 * of web and worker, and web's RSS and CPU seconds over 1,000 mixed requests, oversized bodies among them, each process
 * run with the Node flags and malloc settings docker-compose.yml gives it. It prints figures; it asserts nothing.
 */
import { listProjectServices } from "@berth/core";
import { createDb } from "@berth/db";
import { buildServiceSpec, createDocker, ensureNetwork, projectFilter, removeProject } from "@berth/docker";
import { createTestDatabase } from "../test/test-env";
import { cpuSeconds, startBerth, systemContext, testEnv, treeRssMb } from "./berth";

const argIndex = process.argv.indexOf("--services");
const N = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 1000;
const ITERATIONS = 20;

const env = testEnv();
const database = await createTestDatabase(env.POSTGRES_URL);
const db = createDb(database.url);
const docker = createDocker(env.DOCKER_HOST);
const ctx = systemContext(database.url, db, docker, env.DOCKER_HOST);
const tenant = `bench-${Date.now().toString(36)}`;
const refs = [
  { tenant, project: "big" },
  { tenant, project: "small" },
];

/** Desired rows in Postgres and the services in Swarm, created `concurrency` at a time. */
async function seedProject(project: string, count: number): Promise<string> {
  const names = Array.from({ length: count }, (_, i) => `svc-${i}`);
  const service = { image: "berth-test/busybox:1", command: ["sleep", "3600"], replicas: 5, ports: [] };
  const { id, tenantId } = await db.project.findFirstOrThrow({ where: { slug: project, tenant: { slug: tenant } } });
  await db.service.createMany({ data: names.map((name) => ({ ...service, name, projectId: id, tenantId })) });
  await ensureNetwork(docker, { tenant, project });
  const constraints = ["node.labels.berth-bench-never == true"];
  for (let i = 0; i < names.length; i += 8) {
    const chunk = names.slice(i, i + 8);
    await Promise.all(
      chunk.map((name) => docker.createService(buildServiceSpec({ tenant, project, name, ...service, constraints }))),
    );
    if ((i + 8) % 100 < 8) console.log(`  ${project}: ${Math.min(i + 8, count)}/${count} services`);
  }
  return id;
}

async function time(fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(ITERATIONS / 2)] ?? 0, p95: samples[Math.ceil(ITERATIONS * 0.95) - 1] ?? 0 };
}

async function countCalls(fn: () => Promise<unknown>): Promise<number> {
  const modem = docker.modem as unknown as { dial: (...args: unknown[]) => unknown };
  const dial = modem.dial;
  let calls = 0;
  modem.dial = (...args) => {
    calls++;
    return dial.apply(modem, args);
  };
  await fn().finally(() => {
    modem.dial = dial;
  });
  return calls;
}

/** 1,000 requests, 10 at a time: pages, refused API calls, failed sign-ins, and 5 MB bodies the API refuses (413). */
async function mixedLoad(base: string) {
  const big = `{"name":"${"x".repeat(5 * 1024 * 1024)}"}`;
  const kinds = [
    () => fetch(`${base}/login`),
    () => fetch(`${base}/api/v1/projects`),
    () => fetch(`${base}/api/v1/nope`, { method: "POST", headers: { "content-type": "application/json" }, body: big }),
    () =>
      fetch(`${base}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "bench@berth.test", password: "not-the-password" }),
      }),
  ];
  const statuses = new Map<number, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < 1000) {
        const kind = kinds[next++ % kinds.length] ?? kinds[0];
        const response = await kind?.();
        await response?.arrayBuffer();
        if (response) statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    }),
  );
  return [...statuses].map(([status, count]) => `${status}×${count}`).join(" ");
}

async function memory() {
  // An empty database of its own: the worker must idle, not reconcile the services seeded above.
  const idle = await createTestDatabase(env.POSTGRES_URL);
  const berth = await startBerth({
    port: 3200,
    env: {
      DATABASE_URL: idle.url,
      DOCKER_HOST: env.DOCKER_HOST,
      BERTH_SECRET_KEY: Buffer.alloc(32, 1).toString("base64"),
    },
  });
  const { base, web, worker } = berth;
  try {
    // Warm: a page, a database check and a sign-in (Prisma's query compiler loads at the first query), then idle.
    await fetch(`${base}/login`);
    await fetch(`${base}/readyz`);
    await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "bench@berth.test", password: "not-the-password" }),
    });
    await new Promise((r) => setTimeout(r, 10_000));
    const idleFigures = { web: treeRssMb(web.pid ?? 0), worker: treeRssMb(worker.pid ?? 0) };
    const cpuBefore = cpuSeconds(web.pid ?? 0);
    const statuses = await mixedLoad(base);
    const webCpuSeconds = cpuSeconds(web.pid ?? 0) - cpuBefore;
    return { ...idleFigures, webAfterLoad: treeRssMb(web.pid ?? 0), webCpuSeconds, statuses };
  } finally {
    await berth.stop();
    await idle.drop();
  }
}

try {
  await db.tenant.create({
    data: {
      slug: tenant,
      name: "Bench",
      projects: {
        create: [
          { slug: "big", name: "big" },
          { slug: "small", name: "small" },
        ],
      },
    },
  });
  const started = Date.now();
  const bigId = await seedProject("big", N);
  const smallId = await seedProject("small", 1);
  console.log(`created ${N + 1} services in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const filters = projectFilter(refs[0] ?? { tenant, project: "big" });
  const raw = () =>
    Promise.all([docker.listServices({ status: true, filters }), docker.listTasks({ filters }), docker.listNodes()]);
  const rawTime = await time(raw);
  await listProjectServices(ctx, bigId); // the snapshot's first listing
  const berthTime = await time(() => listProjectServices(ctx, bigId));
  const callsBig = await countCalls(() => listProjectServices(ctx, bigId));
  const callsSmall = await countCalls(() => listProjectServices(ctx, smallId));
  const rss = await memory();

  const row = {
    services: N,
    "docker calls/refresh (N services)": callsBig,
    "docker calls/refresh (1 service)": callsSmall,
    "raw median ms": rawTime.median.toFixed(1),
    "raw p95 ms": rawTime.p95.toFixed(1),
    "berth median ms": berthTime.median.toFixed(1),
    "berth p95 ms": berthTime.p95.toFixed(1),
    "ratio berth/raw (goal <= 1.3)": (berthTime.median / rawTime.median).toFixed(2),
    "web idle RSS MB": rss.web,
    "worker idle RSS MB": rss.worker,
    "web+worker MB (goal < 200)": rss.web + rss.worker,
    "web RSS MB after 1,000 mixed requests (goal < 300)": rss.webAfterLoad,
    "web CPU s for those requests": rss.webCpuSeconds.toFixed(2),
    "their answers": rss.statuses,
  };
  console.table(Object.entries(row).map(([figure, value]) => ({ figure, value })));
} finally {
  for (const ref of refs) await removeProject(docker, ref);
  await db.$disconnect();
  await database.drop();
}
