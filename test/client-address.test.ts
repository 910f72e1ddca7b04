import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, readTestEnv } from "./test-env";
import { startWebServer } from "./web-server";

// Which address a sign-in is counted and audited under: the socket's, unless the socket is a trusted proxy's; then
// the address that proxy put in X-Forwarded-For. Two real web servers on one database, one trusting 127.0.0.1.
const UNTRUSTING = 3302;
const TRUSTING = 3303;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const servers: Awaited<ReturnType<typeof startWebServer>>[] = [];

beforeAll(async () => {
  database = await createTestDatabase(readTestEnv().POSTGRES_URL);
  const env = {
    DATABASE_URL: database.url,
    DOCKER_HOST: inject("dockerHost"),
    BERTH_SECRET_KEY: Buffer.alloc(32, 7).toString("base64"),
    BERTH_SIGNIN_FAILURES_ALLOWED: "3",
  };
  servers.push(await startWebServer(UNTRUSTING, env));
  servers.push(await startWebServer(TRUSTING, { ...env, BERTH_TRUSTED_PROXIES: "127.0.0.1/32" }));
});
afterAll(async () => {
  for (const server of servers) server.kill("SIGTERM");
  await database?.drop();
});

let n = 0;
const failSignIn = (port: number, forwardedFor: string) =>
  fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
    body: JSON.stringify({ email: `nobody-${n++}@addr.test`, password: "wrong" }),
  }).then((r) => r.status);

async function auditedAddresses(since: Date) {
  const client = new pg.Client({ connectionString: database.ownerUrl });
  await client.connect();
  const { rows } = await client.query<{ ip: string }>(
    "SELECT ip FROM audit_log WHERE action = 'auth.sign_in_failed' AND at >= $1 ORDER BY id",
    [since],
  );
  await client.end();
  return rows.map((r) => r.ip);
}

describe("the client address", () => {
  it("is the socket's when no proxy is trusted: a rotating X-Forwarded-For neither escapes the limit nor lies", async () => {
    const since = new Date();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await failSignIn(UNTRUSTING, `198.51.100.${i}`));
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(await auditedAddresses(since)).toEqual(["127.0.0.1", "127.0.0.1", "127.0.0.1"]);
  });

  it("is read from X-Forwarded-For, from the right, when the socket is a trusted proxy", async () => {
    const since = new Date();
    // The client claimed 192.0.2.1; the trusted proxy appended what it saw: 203.0.113.5.
    expect(await failSignIn(TRUSTING, "192.0.2.1, 203.0.113.5")).toBe(401);
    expect(await failSignIn(TRUSTING, "203.0.113.6")).toBe(401);
    expect(await auditedAddresses(since)).toEqual(["203.0.113.5", "203.0.113.6"]);
  });
});
