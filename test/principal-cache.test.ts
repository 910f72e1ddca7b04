import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { FIRST_ADMIN, firstAdminSession } from "./first-admin-session";
import { startPostgresRelay } from "./postgres-relay";
import { createTestDatabase, readTestEnv } from "./test-env";
import { closedPort, startWebServer } from "./web-server";

// The web keeps who a session or API token stands for a few seconds, and still ends it at once when it ends in
// Postgres, by whatever path: here rows are changed with plain SQL, as an operator could, behind Berth's back. Web
// reaches Postgres through a relay that counts the session and token lookups.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let base = "";
let cookie = "";
let lookups = 0;
const LOOKUP = /FROM "public"\."(?:sessions|api_tokens)" WHERE/g;

beforeAll(async () => {
  database = await createTestDatabase(readTestEnv().POSTGRES_URL);
  const relay = await startPostgresRelay(database.url, (chunk) => {
    lookups += [...chunk.toString("latin1").matchAll(LOOKUP)].length;
  });
  const port = await closedPort();
  base = `http://127.0.0.1:${port}`;
  const env = {
    DATABASE_URL: relay.url,
    DOCKER_HOST: inject("dockerHost"),
    BERTH_SECRET_KEY: Buffer.alloc(32, 4).toString("base64"),
  };
  web = await startWebServer(port, env);
  cookie = await firstAdminSession(base, { ...env, DATABASE_URL: database.url }, database.ownerUrl);
});
afterAll(async () => {
  web?.kill("SIGKILL");
  await database?.drop();
});

const me = (headers: Record<string, string>) => fetch(`${base}/api/v1/me`, { headers }).then((r) => r.status);
async function sql(text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: database.ownerUrl });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

describe("principals kept by the web", () => {
  it("answer a session's requests without asking Postgres each time, and end the moment the session does", async () => {
    expect(await me({ cookie })).toBe(200);
    lookups = 0;
    for (let i = 0; i < 20; i++) expect(await me({ cookie })).toBe(200);
    expect(lookups).toBe(0);
    // Behind Berth's back: Postgres's notification reaches the web within milliseconds of the commit.
    await sql("DELETE FROM sessions");
    await expect.poll(() => me({ cookie }), { timeout: 1_000 }).toBe(401);
  });

  it("end an API token the moment it is revoked, or its creator loses the role it stood for", async () => {
    const session = await firstAdminSessionAgain();
    const created = await fetch(`${base}/api/v1/tokens`, {
      method: "POST",
      headers: { cookie: session, "content-type": "application/json" },
      body: JSON.stringify({ name: "ci", role: "operator" }),
    });
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    const bearer = { authorization: `Bearer ${token}` };
    expect(await me(bearer)).toBe(200);
    lookups = 0;
    for (let i = 0; i < 20; i++) expect(await me(bearer)).toBe(200);
    expect(lookups).toBe(0);

    await sql("UPDATE users SET platform_role = NULL");
    await expect.poll(() => me(bearer), { timeout: 1_000 }).toBe(401);
    await sql("UPDATE users SET platform_role = 'admin'");
    await expect.poll(() => me(bearer), { timeout: 1_000 }).toBe(200);
    await sql("UPDATE api_tokens SET revoked_at = now() WHERE id = $1", [id]);
    await expect.poll(() => me(bearer), { timeout: 1_000 }).toBe(401);
  });

  it("end at once, on the very next request, what Berth itself revokes or signs out", async () => {
    const session = await firstAdminSessionAgain();
    const created = await fetch(`${base}/api/v1/tokens`, {
      method: "POST",
      headers: { cookie: session, "content-type": "application/json" },
      body: JSON.stringify({ name: "ci-2", role: "operator" }),
    });
    const { id, token } = (await created.json()) as { id: string; token: string };
    const bearer = { authorization: `Bearer ${token}` };
    expect(await me(bearer)).toBe(200);
    expect(await me(bearer)).toBe(200);
    const revoked = await fetch(`${base}/api/v1/tokens/${id}`, { method: "DELETE", headers: { cookie: session } });
    expect(revoked.status).toBe(200);
    expect(await me(bearer)).toBe(401);
    expect(await me({ cookie: session })).toBe(200);
    const signedOut = await fetch(`${base}/api/v1/auth/logout`, { method: "POST", headers: { cookie: session } });
    expect(signedOut.status).toBe(200);
    expect(await me({ cookie: session })).toBe(401);
  });
});

/** The first test ended every session: sign in again with the admin's password. */
async function firstAdminSessionAgain() {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(FIRST_ADMIN),
  });
  expect(login.status).toBe(200);
  return (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}
