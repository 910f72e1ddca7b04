import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startPostgresRelay } from "./postgres-relay";
import { createTestDatabase, readTestEnv } from "./test-env";
import { startWebServer } from "./web-server";

// A fresh Berth's first admin: the bootstrap prints a one-time password, which opens a session that may do nothing
// but replace it (or sign out), in the API and in the pages alike. Web reaches Postgres through a relay that counts
// the session lookups.
const ROOT = path.resolve(import.meta.dirname, "..");
const PORT = 3301;
const BASE = `http://127.0.0.1:${PORT}`;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let oneTimePassword = "";
let sessionLookups = 0;

beforeAll(async () => {
  database = await createTestDatabase(readTestEnv().POSTGRES_URL);
  const env = {
    DATABASE_URL: database.url,
    DOCKER_HOST: inject("dockerHost"),
    BERTH_SECRET_KEY: Buffer.alloc(32, 6).toString("base64"),
    BERTH_PUBLIC_URL: BASE,
  };
  const printed = execFileSync("node", ["apps/worker/dist/bootstrap.js"], {
    cwd: ROOT,
    env: { ...process.env, ...env, DATABASE_OWNER_URL: database.ownerUrl },
    encoding: "utf8",
  });
  oneTimePassword = /One-time password:\s+(\S+)/.exec(printed)?.[1] ?? "";
  // One lookup reads `WHERE ("public"."sessions"."id" = $1 …`; Prisma batches those of one tick into one statement,
  // `WHERE "public"."sessions"."id" IN ($1,$2)`: each id in it is a lookup.
  const lookups = /FROM "public"\."sessions" WHERE \(?"public"\."sessions"\."id" (?:IN \(([^)]*)\)|= \$\d+)/g;
  const relay = await startPostgresRelay(database.url, (chunk) => {
    for (const [, ids] of chunk.toString("latin1").matchAll(lookups)) sessionLookups += ids ? ids.split(",").length : 1;
  });
  web = await startWebServer(PORT, { ...env, DATABASE_URL: relay.url });
});
afterAll(async () => {
  web?.kill("SIGTERM");
  await database?.drop();
});

const call = (pathname: string, cookie: string, body?: unknown) =>
  fetch(`${BASE}${pathname}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: "manual",
  });

describe("the first admin", () => {
  it("must replace its one-time password before anything else; then each page resolves the session once", async () => {
    expect(oneTimePassword).not.toBe("");
    const login = await fetch(`${BASE}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@berth.local", password: oneTimePassword }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: object }).user).toMatchObject({ passwordChangeRequired: true });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

    for (const pathname of ["/api/v1/projects", "/api/v1/me", "/api/v1/users"]) {
      const refused = await call(pathname, cookie);
      expect(refused.status, pathname).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("password_change_required");
    }
    const tenant = await call("/api/v1/tenants", cookie, { slug: "too-early", name: "Too early" });
    expect(tenant.status).toBe(403);
    // The pages ask for the new password instead of showing anything.
    const page = await (await call("/projects", cookie)).text();
    expect(page).toContain("Choose your own password");
    expect(page).not.toContain(">Users<");

    const changed = await call("/api/v1/me/password", cookie, {
      currentPassword: oneTimePassword,
      newPassword: "a password only I know",
    });
    expect(changed.status).toBe(200);
    const fresh = (changed.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect((await call("/api/v1/projects", fresh)).status).toBe(200);
    expect(await (await call("/projects", fresh)).text()).not.toContain("Choose your own password");
    expect((await call("/api/v1/projects", cookie)).status).toBe(401); // the one-time session ended with it

    // Now each page reads the session once at most (the web keeps principals a few seconds), though its layout and
    // the page itself both ask who is signed in.
    for (const pathname of ["/projects", "/users", "/tenants"]) {
      sessionLookups = 0;
      const page = await call(pathname, fresh);
      expect(page.status, pathname).toBe(200);
      await page.text();
      expect(sessionLookups, pathname).toBeLessThanOrEqual(1);
    }
  });
});
