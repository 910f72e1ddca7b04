import { type ChildProcess, spawn } from "node:child_process";
import { openSync } from "node:fs";
import path from "node:path";
import { createTestDatabase, readTestEnv } from "../test/test-env";
import { webServer } from "../test/web-server";

const ROOT = path.resolve(import.meta.dirname, "..");
export const BASE_URL = "http://127.0.0.1:3100";

/**
 * A Berth of its own for the browser tests: a fresh database, the first admin (its one-time password handed to the
 * specs in BERTH_E2E_ADMIN_PASSWORD), and the production build of web plus the worker, against the test Swarm.
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
  const db = await createTestDatabase(testEnv.POSTGRES_URL);
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    DOCKER_HOST: testEnv.DOCKER_HOST,
    BERTH_SECRET_KEY: Buffer.alloc(32, 1).toString("base64"),
    BERTH_PUBLIC_URL: BASE_URL,
    LOG_LEVEL: "info",
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
  const bootstrap = await run(["node", "apps/worker/dist/bootstrap.js"], env);
  const password = /One-time password:\s+(\S+)/.exec(bootstrap)?.[1];
  if (!password) throw new Error(`bootstrap printed no admin password:\n${bootstrap}`);
  process.env.BERTH_E2E_ADMIN_PASSWORD = password;

  const web = webServer(3100);
  const processes = [
    start("web", web.argv, { ...env, ...web.env }),
    start("worker", ["node", "apps/worker/dist/main.js"], env),
  ];
  await waitFor(`${BASE_URL}/healthz`, 60_000);
  return async () => {
    for (const child of processes) child.kill("SIGTERM");
    await Promise.all(processes.map((child) => new Promise((resolve) => child.once("exit", resolve))));
    await db.drop();
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
