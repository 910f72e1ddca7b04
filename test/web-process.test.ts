import type { ChildProcess } from "node:child_process";
import { request } from "node:http";
import { connect } from "node:net";
import { buildServiceSpec, createDocker, ensureNetwork, removeProject } from "@berth/docker";
import { chromium } from "@playwright/test";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { FIRST_ADMIN, firstAdminSession } from "./first-admin-session";
import { createTestDatabase, readTestEnv } from "./test-env";
import { closedPort, startWebServer } from "./web-server";

// The production web process, stopped as Swarm stops it (SIGTERM): it takes no new connection, answers the requests
// in flight, tells event streams to reconnect, and exits 0 within its stop grace period (docker-compose.yml). And its
// safety net (an unexpected error exits 1) is never reached by a dependency that does not answer.
const GRACE_MS = 10_000;
const { email: EMAIL, password: PASSWORD } = FIRST_ADMIN;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let env: Record<string, string>;
let cookie = "";
const running: ChildProcess[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A web on a port of its own, logging at info; `log()` is what it has logged so far. */
async function startWeb(extra: Record<string, string> = {}) {
  const port = await closedPort();
  let log = "";
  const child = await startWebServer(port, { ...env, LOG_LEVEL: "info", ...extra }, (text) => {
    log += text;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const web = { port, child, exited, log: () => log, url: (pathname: string) => `http://127.0.0.1:${port}${pathname}` };
  running.push(child);
  return web;
}

/** SIGTERMs the web; its exit code, or "still running" when it outlives the grace period. Prints how long it took. */
async function stop(web: Awaited<ReturnType<typeof startWeb>>) {
  const start = Date.now();
  web.child.kill("SIGTERM");
  const code = await Promise.race([web.exited, sleep(GRACE_MS).then(() => "still running")]);
  console.log(`web exited with ${code} ${Date.now() - start} ms after SIGTERM`);
  return code;
}

/** Whether a new TCP connection to `port` is refused. */
const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.on("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });

beforeAll(async () => {
  database = await createTestDatabase(readTestEnv().POSTGRES_URL);
  env = {
    DATABASE_URL: database.url,
    DOCKER_HOST: inject("dockerHost"),
    BERTH_SECRET_KEY: Buffer.alloc(32, 8).toString("base64"),
  };
  // A session of the first admin, with the one-time password replaced, for the requests below.
  const web = await startWeb();
  cookie = await firstAdminSession(web.url(""), env, database.ownerUrl);
});
afterEach(() => {
  for (const child of running.splice(0)) child.kill("SIGKILL");
});
afterAll(async () => {
  await database?.drop();
});

describe("the web process on SIGTERM", () => {
  it("answers the request in flight in full, refuses new connections, and exits 0", async () => {
    const web = await startWeb();
    // A connection that sends nothing, as a browser's preconnection: it does not keep the process up.
    const silent = connect(web.port, "127.0.0.1");
    const silentClosed = new Promise((resolve) => silent.on("close", resolve));
    // A sign-in whose body arrives over 2 s: in flight when the signal comes.
    const body = JSON.stringify({ email: EMAIL, password: PASSWORD });
    const signIn = request(web.url("/api/v1/auth/login"), {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
    });
    const answer = new Promise<{ status?: number; text: string }>((resolve, reject) => {
      signIn.on("error", reject);
      signIn.on("response", (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode, text }));
        response.on("error", reject);
      });
    });
    signIn.write(body.slice(0, 10));
    await sleep(500);
    const stopped = stop(web);
    await expect.poll(() => refused(web.port)).toBe(true);
    await sleep(1_500);
    signIn.end(body.slice(10));

    const { status, text } = await answer;
    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ user: { email: EMAIL, passwordChangeRequired: false } });
    expect(await stopped).toBe(0);
    await silentClosed;
    expect(web.log()).toContain("shutting down");
    expect(web.log()).toContain('"msg":"shut down"');
  });

  it("tells an open event stream to reconnect (to the next process), closes it, and exits 0", async () => {
    const web = await startWeb();
    const response = await fetch(web.url("/api/v1/events"), { headers: { cookie } });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
    let text = (await reader.read()).value ?? "";
    expect(text).toContain("retry: ");

    const stopped = stop(web);
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += chunk.value;
    // A restart event with a retry hint; not `end`, after which the page stops listening.
    expect(text).toMatch(/retry: \d+\nevent: restart\n/);
    expect(text).not.toContain("event: end");
    expect(await stopped).toBe(0);
  });

  it("ends a followed log stream, which Docker would keep open, in full, and exits 0", async () => {
    const web = await startWeb();
    const post = async <T>(pathname: string, body: unknown): Promise<T> => {
      const headers = { cookie, "content-type": "application/json" };
      const response = await fetch(web.url(pathname), { method: "POST", headers, body: JSON.stringify(body) });
      expect(response.status, pathname).toBe(201);
      return response.json() as Promise<T>;
    };
    const tenant = `sigterm-${process.pid}`;
    await post("/api/v1/tenants", { slug: tenant, name: "SIGTERM" });
    const project = await post<{ slug: string; services: { id: string }[] }>("/api/v1/projects", {
      tenant,
      name: "talk",
      services: [{ name: "web", image: "berth-test/busybox:1", replicas: 1 }],
    });
    // Created in Swarm as the worker's reconciler would (no worker runs here): a service that prints, then sleeps.
    const docker = createDocker(inject("dockerHost"));
    const ref = { tenant, project: project.slug, instance: inject("berthInstance") };
    await ensureNetwork(docker, ref);
    const command = ["sh", "-c", "echo hello; exec sleep 100000"];
    await docker.createService(
      buildServiceSpec({ ...ref, name: "web", image: "berth-test/busybox:1", command, replicas: 1, ports: [] }),
    );
    try {
      const logs = web.url(`/api/v1/services/${project.services[0]?.id}/logs`);
      const printed = async () => (await fetch(logs, { headers: { cookie } })).text();
      await expect.poll(printed, { timeout: 30_000 }).toContain("hello");
      const response = await fetch(`${logs}?follow=true`, { headers: { cookie } });
      expect(response.status).toBe(200);
      const reader = (response.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
      let text = "";
      let chunk = await reader.read();
      while (!chunk.done) {
        text += chunk.value;
        if (text.includes("hello")) break;
        chunk = await reader.read();
      }
      const stopped = stop(web);
      // Read to its end: a stream cut short would throw here.
      for (chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += chunk.value;
      expect(text).toBe('{"stream":"stdout","time":null,"text":"hello"}\n');
      expect(await stopped).toBe(0);
    } finally {
      await removeProject(docker, ref);
    }
  });
});

describe("the web process's safety net", () => {
  it("is never reached when Postgres and Docker do not answer: requests answer 503, the process stays up", async () => {
    const web = await startWeb({
      DATABASE_URL: `postgresql://berth@127.0.0.1:${await closedPort()}/berth`,
      DOCKER_HOST: "unix:///nonexistent/docker.sock",
    });
    for (const pathname of ["/readyz", "/api/v1/projects", "/api/v1/events"]) {
      const response = await fetch(web.url(pathname), { headers: { cookie } });
      expect(response.status, pathname).toBe(503);
      await response.body?.cancel();
    }
    // A page cannot choose its status in Next.js's App Router: a signed-in page whose session cannot be read answers
    // 500, and the browser shows Berth's error page (app/error.tsx), naming what does not answer.
    const page = await fetch(web.url("/projects"), { headers: { cookie } });
    expect(page.status).toBe(500);
    const browser = await chromium.launch({ executablePath: readTestEnv().CHROMIUM_PATH });
    try {
      const context = await browser.newContext();
      const [name = "", value = ""] = cookie.split("=");
      await context.addCookies([{ name, value, url: web.url("/") }]);
      const tab = await context.newPage();
      await tab.goto(web.url("/projects"));
      const banner = tab.getByTestId("readiness-banner");
      await banner.waitFor();
      expect(await tab.getByRole("heading").textContent()).toBe("Berth could not show this page");
      expect(await banner.textContent()).toMatch(/^Postgres does not answer\. Docker does not answer\. /);
    } finally {
      await browser.close();
    }
    const signIn = await fetch(web.url("/api/v1/auth/login"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    expect(signIn.status).toBe(503);
    await sleep(1_000);
    expect(web.child.exitCode).toBeNull();
    expect(web.log()).not.toContain("unexpected error");
    expect(await stop(web)).toBe(0);
  });

  it("is never reached when Docker alone does not answer, event streams included", async () => {
    const web = await startWeb({ DOCKER_HOST: "unix:///nonexistent/docker.sock" });
    expect((await fetch(web.url("/readyz"))).status).toBe(503);
    expect((await fetch(web.url("/api/v1/projects"), { headers: { cookie } })).status).toBe(200);
    const events = await fetch(web.url("/api/v1/events"), { headers: { cookie } });
    expect(events.status).toBe(200);
    await sleep(3_000);
    await events.body?.cancel();
    expect(web.child.exitCode).toBeNull();
    expect(web.log()).not.toContain("unexpected error");
    expect(await stop(web)).toBe(0);
  });

  it("exits 1 with a fatal line on an error no code handles", async () => {
    // A bug cannot be produced for real without adding one to Berth: a module loaded before the server rejects a
    // promise that nothing awaits when /a-bug is requested, as a forgotten await would.
    const bug = `import{subscribe}from"node:diagnostics_channel";subscribe("http.server.request.start",({request})=>{if(request.url==="/a-bug")Promise.reject(new Error("a-bug"))})`;
    const web = await startWeb({ NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(bug)}` });
    await fetch(web.url("/a-bug")).catch(() => undefined);
    expect(await Promise.race([web.exited, sleep(GRACE_MS).then(() => "still running")])).toBe(1);
    expect(web.log()).toMatch(/"level":60,.*"event":"unhandledRejection".*"msg":"unexpected error; exiting"/);
  });
});
