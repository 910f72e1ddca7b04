import { type ChildProcess, spawn } from "node:child_process";
import { openSync } from "node:fs";
import path from "node:path";
import { createDocker } from "@berth/docker";
import { createTestDatabase, readTestEnv } from "../test/test-env";
import { startTestRun } from "../test/test-run";
import { webServer } from "../test/web-server";

const ROOT = path.resolve(import.meta.dirname, "..");
export const BASE_URL = "http://127.0.0.1:3100";

/**
 * A Berth of its own for the browser tests: a fresh database, the first admin (its one-time password handed to the
 * specs in BERTH_E2E_ADMIN_PASSWORD), and the production build of web plus the worker, against the test Swarm. What
 * it creates there is labelled with the run's instance and leaves with the run, whatever state the specs left it in:
 * a failed spec must not leave a service that holds a host port the next run needs.
 */
export default async function globalSetup() {
  if (
    await fetch(`${BASE_URL}/healthz`).then(
      () => true,
      () => false,
    )
  ) {
    throw new Error(`Something already listens on ${BASE_URL}; stop it so that the tests run against their own Berth.`);
  }
  const testEnv = readTestEnv();
  const testRun = await startTestRun(createDocker(testEnv.DOCKER_HOST));
  const db = await createTestDatabase(testEnv.POSTGRES_URL);
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    DOCKER_HOST: testEnv.DOCKER_HOST,
    BERTH_SECRET_KEY: Buffer.alloc(32, 1).toString("base64"),
    BERTH_PUBLIC_URL: BASE_URL,
    // As behind a proxy on this machine: the specs give each client an address of its own with X-Forwarded-For
    // (test/client-address.test.ts shows that without this the header is not believed).
    BERTH_TRUSTED_PROXIES: "127.0.0.1",
    LOG_LEVEL: "info",
    // The test swarm's one node is a manager: tenants' tasks may run anywhere here (production: node.role==worker).
    BERTH_TENANT_PLACEMENT: "",
    BERTH_INSTANCE: testRun.instance,
    // The test directory of scripts/env/ldap.sh; its acme-owners group makes owners of tenant ldap-acme.
    LDAP_URL: testEnv.LDAP_URL,
    LDAP_BIND_DN: testEnv.LDAP_BIND_DN,
    LDAP_BIND_PASSWORD: testEnv.LDAP_BIND_PASSWORD,
    LDAP_SEARCH_BASE: testEnv.LDAP_SEARCH_BASE,
    LDAP_GROUP_BASE: testEnv.LDAP_GROUP_BASE,
    LDAP_GROUP_MAP: JSON.stringify([
      { dn: `cn=acme-owners,${testEnv.LDAP_GROUP_BASE}`, tenant: "ldap-acme", role: "owner" },
    ]),
  };
  // Only the bootstrap holds the owner's URL; web and worker connect as the app role.
  const bootstrap = await run(["node", "apps/worker/dist/bootstrap.js"], { ...env, DATABASE_OWNER_URL: db.ownerUrl });
  const password = /One-time password:\s+(\S+)/.exec(bootstrap)?.[1];
  if (!password) throw new Error(`bootstrap printed no admin password:\n${bootstrap}`);

  const web = webServer(3100);
  const processes = [
    start("web", web.argv, { ...env, ...web.env }),
    start("worker", ["node", "apps/worker/dist/main.js"], env),
  ];
  await waitFor(`${BASE_URL}/healthz`, 60_000);
  process.env.BERTH_E2E_ADMIN_PASSWORD = await replaceOneTimePassword(password);
  return async () => {
    for (const child of processes) child.kill("SIGTERM");
    await Promise.all(processes.map((child) => new Promise((resolve) => child.once("exit", resolve))));
    try {
      await testRun.end();
    } finally {
      await db.drop();
    }
  };
}

function start(name: string, argv: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const log = openSync(path.join(ROOT, `.berth/results/e2e-${name}.log`), "w");
  const [command = "", ...args] = argv;
  return spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", log, log] });
}

function run(argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const [command = "", ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${argv.join(" ")}: ${output}`))));
  });
}

async function waitFor(url: string, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s; see .berth/results/e2e-web.log`);
}

/** What the first admin does at its first sign-in (test/first-admin.test.ts proves it must): choose a password. */
async function replaceOneTimePassword(oneTime: string): Promise<string> {
  const newPassword = "the e2e admin's own password";
  const login = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@berth.local", password: oneTime }),
  });
  const change = await fetch(`${BASE_URL}/api/v1/me/password`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: login.headers.get("set-cookie")?.split(";")[0] ?? "" },
    body: JSON.stringify({ currentPassword: oneTime, newPassword }),
  });
  if (!change.ok) throw new Error(`the first admin could not change its password: ${await change.text()}`);
  return newPassword;
}
