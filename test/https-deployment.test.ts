import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createUser } from "@berth/core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { adminContext } from "../packages/core/src/test-context";
import { closedPort, startWebServer } from "./web-server";

// Web as deployed behind a TLS proxy (BERTH_PUBLIC_URL https://…; the proxy speaks plain http to it), with a Docker
// that does not answer: HSTS, the __Host- session cookie working end to end, and /readyz naming Docker's address to
// an admin only.
const PORT = await closedPort();
const MISSING_DOCKER = `unix:///run/berth-missing-${randomBytes(4).toString("hex")}.sock`;
const email = `https-${randomBytes(4).toString("hex")}@berth.test`;
const password = "correct horse battery staple";
let web: ChildProcess;

const get = (pathname: string, cookie?: string) =>
  fetch(`http://127.0.0.1:${PORT}${pathname}`, { headers: cookie ? { cookie } : {} });

beforeAll(async () => {
  await createUser(await adminContext(), { email, password, platformRole: "admin" });
  web = await startWebServer(PORT, {
    DATABASE_URL: inject("databaseUrl"),
    DOCKER_HOST: MISSING_DOCKER,
    BERTH_SECRET_KEY: Buffer.alloc(32, 6).toString("base64"),
    BERTH_PUBLIC_URL: "https://berth.example.com",
    LOG_LEVEL: "silent",
  });
});
afterAll(() => {
  web.kill("SIGTERM");
});

describe("web served over https", () => {
  it("sends HSTS and asks browsers to upgrade insecure requests", async () => {
    const response = await get("/login");
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("signs in with a __Host- cookie (Secure, Path=/, no Domain) that then authenticates", async () => {
    const login = await fetch(`http://127.0.0.1:${PORT}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    expect(login.status).toBe(200);
    const setCookie = login.headers.getSetCookie()[0] ?? "";
    expect(setCookie).toMatch(/^__Host-berth_session=[^;]+;/);
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).toMatch(/; Path=\/(;|$)/);
    expect(setCookie).not.toMatch(/Domain=/i);
    const cookie = setCookie.split(";")[0] ?? "";
    expect((await get("/api/v1/me", cookie)).status).toBe(200);
    // The plain name is not read: a cookie set by another host of the domain cannot stand in for it.
    expect((await get("/api/v1/me", cookie.replace("__Host-", ""))).status).toBe(401);

    const forAdmin = await get("/readyz", cookie);
    expect(forAdmin.status).toBe(503);
    const readiness = (await forAdmin.json()) as { docker: { message: string } };
    expect(readiness.docker.message).toContain(`Docker is unreachable at ${MISSING_DOCKER}`);
  });

  it("tells an anonymous caller which component does not answer, not where", async () => {
    const ready = await get("/readyz");
    expect(ready.status).toBe(503);
    const body = await ready.json();
    expect(body).toEqual({
      ok: false,
      postgres: { ok: true, message: "Postgres answers." },
      docker: { ok: false, message: "Docker does not answer." },
      events: { ok: true, message: "Docker's event stream answers." },
    });
  });
});
