import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startPostgresRelay } from "./postgres-relay";
import { startWebServer } from "./web-server";

// Web, running, loses its database: a TCP relay in front of the test Postgres is closed for real, so connections are
// refused exactly as when Postgres stops. Web answers 503 naming the database address, and recovers when it returns.
// Its LDAP directory is configured at an address where nothing listens.
let relay: Awaited<ReturnType<typeof startPostgresRelay>>;
let web: ChildProcess;
let webLog = "";
const PORT = 3300;

async function get(pathname: string) {
  const response = await fetch(`http://127.0.0.1:${PORT}${pathname}`);
  type Check = { ok: boolean; message: string };
  return { status: response.status, body: (await response.json()) as { postgres: Check; ldap?: Check } };
}

beforeAll(async () => {
  relay = await startPostgresRelay(inject("databaseUrl"));
  web = await startWebServer(
    PORT,
    {
      DATABASE_URL: relay.url,
      DOCKER_HOST: inject("dockerHost"),
      BERTH_SECRET_KEY: Buffer.alloc(32, 5).toString("base64"),
      BERTH_PUBLIC_URL: `http://127.0.0.1:${PORT}`,
      LDAP_URL: "ldap://127.0.0.1:1",
    },
    (text) => {
      webLog += text;
    },
  );
});
afterAll(async () => {
  web.kill("SIGTERM");
  await relay.close().catch(() => undefined);
});

describe("web when a dependency goes away", () => {
  it("reports an LDAP directory that does not answer, and stays ready: local accounts sign in without it", async () => {
    const ready = await get("/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body.ldap).toEqual({ ok: false, message: "LDAP does not answer." });
  });

  it("answers 503 naming the database address, stays up, and recovers when Postgres is back", async () => {
    expect((await get("/readyz")).status).toBe(200);

    await relay.close();
    // /readyz asks its clients at most once a second: what it says may be a second old.
    await expect.poll(async () => (await get("/readyz")).status).toBe(503);
    const ready = await get("/readyz");
    // Anonymous: which component, not where; where is in the log.
    expect(ready.body.postgres.message).toBe("Postgres does not answer.");
    expect(JSON.stringify(ready.body)).not.toContain(`${relay.port}`);
    await expect.poll(() => webLog).toContain(`Postgres is unreachable at 127.0.0.1:${relay.port}: `);
    const login = await fetch(`http://127.0.0.1:${PORT}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "someone@berth.test", password: "x" }),
    });
    expect(login.status).toBe(503);
    // Anonymous again: which component; where it was looked for is in the log.
    expect(((await login.json()) as { error: { message: string } }).error.message).toBe(
      "Postgres is unreachable; try again in a moment.",
    );
    await expect.poll(() => webLog).toContain(`Postgres is unreachable at 127.0.0.1:${relay.port}; try again`);
    expect((await get("/healthz")).status).toBe(200);

    await relay.open();
    await expect.poll(async () => (await get("/readyz")).status).toBe(200);
  });
});
