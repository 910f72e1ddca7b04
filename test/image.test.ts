import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

// Berth's image, as the Dockerfile builds it from this checkout's build output, run by the test Swarm's engine: the
// worker's bootstrap migrates an empty database and creates the first admin, the web serves and signs in, the worker
// leads. Built on berth-test/node:20-slim (scripts/env/docker.sh) instead of node:20-bookworm-slim, which no registry
// here can provide.
const ROOT = path.resolve(import.meta.dirname, "..");
const IMAGE = "berth-test/berth:test";
const PORT = 3400 + Math.floor(Math.random() * 500);
const docker = (...args: string[]) =>
  execFileSync("docker", ["-H", inject("dockerHost"), ...args], { cwd: ROOT, encoding: "utf8" }).trim();

const database = `berth_image_${randomBytes(4).toString("hex")}`;
const serverUrl = new URL(inject("ownerDatabaseUrl"));
serverUrl.pathname = "/postgres";
// The bootstrap migrates as the owner; web and worker connect as the app role (the test run's, test/test-env.ts).
const ownerUrl = new URL(serverUrl);
ownerUrl.pathname = `/${database}`;
const appUrl = new URL(inject("databaseUrl"));
appUrl.pathname = `/${database}`;
const socket = new URL(inject("dockerHost")).pathname;
// The containers share the host's network (Postgres on loopback) and the test engine's socket, which their non-root
// user reaches through the socket's group, as in docker-compose.yml.
const runArgs = [
  `--group-add=${statSync(socket).gid}`,
  "--network=host",
  `--env=DATABASE_URL=${appUrl}`,
  `--env=BERTH_SECRET_KEY=${Buffer.alloc(32, 9).toString("base64")}`,
  "--env=DOCKER_HOST=unix:///var/run/docker.sock",
  `--volume=${socket}:/var/run/docker.sock`,
];
const containers: string[] = [];
/** What the image's bootstrap printed: it migrated the empty database and made the first admin. */
let bootstrapOutput = "";

async function sql(statement: string) {
  const client = new pg.Client({ connectionString: serverUrl.toString() });
  await client.connect();
  await client.query(statement);
  await client.end();
}

beforeAll(async () => {
  docker("build", "--quiet", "--build-arg", "NODE_IMAGE=berth-test/node:20-slim", "--tag", IMAGE, ".");
  await sql(`CREATE DATABASE "${database}"`);
  const bootstrap = ["node", "apps/worker/dist/bootstrap.js"];
  bootstrapOutput = docker("run", "--rm", ...runArgs, `--env=DATABASE_OWNER_URL=${ownerUrl}`, IMAGE, ...bootstrap);
});
afterAll(async () => {
  for (const id of containers) docker("rm", "--force", id);
  await sql(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
});

describe("Berth's image", () => {
  it("holds only what runs, and migrates an empty database with the first admin", () => {
    const files = docker(
      "run",
      "--rm",
      "--entrypoint",
      "node",
      IMAGE,
      "-e",
      "console.log(require('fs').readdirSync('.').join(' '))",
    );
    expect(files.split(" ").sort()).toEqual(["apps", "node_modules", "prisma"]);
    expect(bootstrapOutput).toMatch(/^Applied migrations: \d+_foundation, /m);
    expect(bootstrapOutput).toMatch(/^One-time password: +\S+$/m);
  });

  it("runs its processes as a non-root user", () => {
    expect(docker("image", "inspect", "--format", "{{.Config.User}}", IMAGE)).toBe("10001:10001");
    const printIds = "console.log(process.getuid(), process.getgid())";
    expect(docker("run", "--rm", ...runArgs, IMAGE, "node", "-e", printIds)).toBe("10001 10001");
  });

  it("serves the web: ready, and the first admin signs in", async () => {
    containers.push(docker("run", "--detach", ...runArgs, `--env=PORT=${PORT}`, IMAGE));
    let ready: Response | undefined;
    for (let i = 0; i < 60 && ready?.status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      ready = await fetch(`http://127.0.0.1:${PORT}/readyz`).catch(() => undefined);
    }
    expect(await ready?.json()).toMatchObject({ ok: true, postgres: { ok: true }, docker: { ok: true } });
    const login = await fetch(`http://127.0.0.1:${PORT}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: "admin@berth.local",
        password: /One-time password:\s+(\S+)/.exec(bootstrapOutput)?.[1],
      }),
    });
    expect(login.status).toBe(200);
    const page = await fetch(`http://127.0.0.1:${PORT}/login`);
    const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(await page.text())?.[1];
    expect((await fetch(`http://127.0.0.1:${PORT}${script}`)).status).toBe(200);
  });

  it("runs the worker, which becomes the reconciler's leader", async () => {
    const id = docker("run", "--detach", ...runArgs, IMAGE, "node", "apps/worker/dist/main.js");
    containers.push(id);
    let logs = "";
    for (let i = 0; i < 40 && !logs.includes("reconciler is leader"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      logs = docker("logs", id);
    }
    expect(logs).toContain("reconciler is leader");
  });
});
