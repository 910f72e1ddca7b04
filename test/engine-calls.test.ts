import type { ChildProcess } from "node:child_process";
import { buildServiceSpec, createDocker, ensureNetwork, projectFilter, removeProject } from "@berth/docker";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type EngineCall, startDockerRelay } from "./docker-relay";
import { firstAdminSession } from "./first-admin-session";
import { sseMessages } from "./sse-messages";
import { createTestDatabase, readTestEnv } from "./test-env";
import { closedPort, startWebServer } from "./web-server";

// One web process with its Engine API requests counted by a relay in front of Docker. The same Swarm changes are
// watched by 1 and then by 50 open project streams: the web asks Docker the same (within the jitter of Swarm's own
// timing), and every stream is sent every change. No worker runs: the changes are made in Swarm directly, to a
// service labelled as Berth's reconciler labels it.
const TENANT = `calls-${Date.now().toString(36)}`;
const ref = { tenant: TENANT, project: "shop", instance: inject("berthInstance") };
const docker = createDocker(inject("dockerHost"));
let relay: Awaited<ReturnType<typeof startDockerRelay>>;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let web: ChildProcess;
let base = "";
let cookie = "";
let projectId = "";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  relay = await startDockerRelay(inject("dockerHost"));
  database = await createTestDatabase(readTestEnv().POSTGRES_URL);
  const port = await closedPort();
  base = `http://127.0.0.1:${port}`;
  const env = {
    DATABASE_URL: database.url,
    DOCKER_HOST: relay.dockerHost,
    BERTH_SECRET_KEY: Buffer.alloc(32, 9).toString("base64"),
  };
  web = await startWebServer(port, env);
  cookie = await firstAdminSession(base, env, database.ownerUrl);
  const post = (pathname: string, body: unknown) =>
    fetch(`${base}/api/v1${pathname}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify(body),
    });
  expect((await post("/tenants", { slug: TENANT, name: "Calls" })).status).toBe(201);
  const web1 = { name: "web", image: "berth-test/busybox:1", command: ["sleep", "3600"], replicas: 1 };
  const created = await post("/projects", { tenant: TENANT, name: "shop", services: [web1] });
  projectId = ((await created.json()) as { id: string }).id;
  await ensureNetwork(docker, ref);
  await docker.createService(buildServiceSpec({ ...ref, ...web1, ports: [] }));
}, 120_000);
afterAll(async () => {
  web?.kill("SIGKILL");
  await removeProject(docker, ref);
  await database?.drop();
  await relay?.close();
});

/** Scales the Swarm service as `docker service scale` would. */
async function scaleInSwarm(replicas: number) {
  const [service] = await docker.listServices({ filters: projectFilter(ref) });
  const spec = service?.Spec as { Mode: { Replicated: { Replicas: number } } };
  spec.Mode.Replicated.Replicas = replicas;
  await docker.getService(service?.ID ?? "").update({ ...spec, version: service?.Version?.Index });
}

type Row = { name: string; runningReplicas: number };

/** A project stream: each `services` message's rows, as they come. */
async function openStream() {
  const abort = new AbortController();
  const response = await fetch(`${base}/api/v1/events?project=${projectId}`, {
    headers: { cookie },
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  const messages: Row[][] = [];
  void (async () => {
    for await (const { event, data } of sseMessages(response.body as ReadableStream<Uint8Array>)) {
      if (event === "services") messages.push((JSON.parse(data) as { services: Row[] }).services);
    }
  })().catch(() => {});
  return { messages, close: () => abort.abort() };
}

/** Waits until `probe` holds (every 100 ms, 60 s at most). */
async function until(probe: () => boolean) {
  for (let i = 0; i < 600 && !probe(); i++) await sleep(100);
  expect(probe()).toBe(true);
}

/** Calls about this test's project: those whose filters name its tenant (other test files change Swarm meanwhile). */
const ofProject = (calls: EngineCall[]) => calls.filter((c) => c.query.includes(TENANT));

/** Opens `n` streams, makes the same two changes, and counts the web's Engine API calls about the project. */
async function watchChanges(n: number) {
  const streams = await Promise.all(Array.from({ length: n }, openStream));
  await until(() => streams.every((s) => s.messages.length > 0));
  const running = (replicas: number) => () =>
    streams.every((s) => s.messages.at(-1)?.[0]?.runningReplicas === replicas);
  await until(running(1));
  await sleep(6_000); // the project is no longer "hot": follow-up listings have stopped
  const start = Date.now();
  for (const replicas of [2, 1]) {
    await scaleInSwarm(replicas);
    await until(running(replicas));
  }
  await sleep(6_000);
  for (const s of streams) s.close();
  return { calls: ofProject(relay.calls(start)).length, streams };
}

describe("N viewers of a project", () => {
  it("cost the Engine API what one viewer does, and each is sent every change", async () => {
    const one = await watchChanges(1);
    const fifty = await watchChanges(50);
    console.log(`Engine API calls about the project: 1 stream ${one.calls}, 50 streams ${fifty.calls}`);
    expect(one.calls).toBeGreaterThan(0);
    // The same work, give or take Swarm's timing (how many follow-up listings a task's start takes): never per viewer.
    expect(fifty.calls).toBeLessThan(one.calls * 1.5 + 4);
    for (const { messages } of fifty.streams) {
      const replicas = messages.map((rows) => rows[0]?.runningReplicas);
      expect(replicas).toContain(2);
      expect(replicas.at(-1)).toBe(1);
    }
  }, 180_000);
});
