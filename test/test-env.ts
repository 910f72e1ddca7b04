import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrateForApp } from "../packages/db/src/migrate";
import { provisionDatabase } from "../packages/db/src/provision-database";

export const ENV_FILE = path.resolve(import.meta.dirname, "../.berth/test.env");

/** The addresses `scripts/test-env up` wrote; a missing file means it has not run. */
const KEYS = [
  "POSTGRES_URL",
  "DOCKER_HOST",
  "CHROMIUM_PATH",
  "LDAP_URL",
  "LDAP_BIND_DN",
  "LDAP_BIND_PASSWORD",
  "LDAP_SEARCH_BASE",
  "LDAP_GROUP_BASE",
] as const;

export function readTestEnv(): Record<(typeof KEYS)[number], string> {
  if (!existsSync(ENV_FILE)) throw new Error(`${ENV_FILE} is missing: run scripts/test-env up first.`);
  const vars: Record<string, string> = Object.fromEntries(
    readFileSync(ENV_FILE, "utf8")
      .split("\n")
      .filter((line) => line.includes("="))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  for (const key of KEYS) {
    if (!vars[key]) throw new Error(`${ENV_FILE} has no ${key}: run scripts/test-env up again.`);
  }
  return vars as Record<(typeof KEYS)[number], string>;
}

/** How the browser tests launch Chromium: the machine's own, never a downloaded one. */
export const chromiumLaunchOptions = () => ({
  executablePath: readTestEnv().CHROMIUM_PATH,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});

/** The role web and worker connect as in tests; roles are per server, so every test database shares it. */
export const APP_ROLE = { role: "berth_test_app", password: "berth-test-app" };

/**
 * Creates `berth_test_<random>` on the server at `serverUrl` and migrates it as the server's role (the owner), granting
 * the app role what web and worker need. `url` connects as the app role, `ownerUrl` as the owner; `drop` removes it.
 */
export async function createTestDatabase(serverUrl: string) {
  const name = `berth_test_${randomBytes(6).toString("hex")}`;
  const { ownerUrl, appUrl } = await provisionDatabase(serverUrl, name, APP_ROLE);
  await migrateForApp(ownerUrl, appUrl);
  return {
    url: appUrl,
    ownerUrl,
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
