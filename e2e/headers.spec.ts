import { randomBytes } from "node:crypto";
import { type APIRequestContext, type APIResponse, expect, type Page, type Response, test } from "@playwright/test";
import { BASE_URL } from "./global-setup";
import { ADMIN_EMAIL, adminPassword, PASSWORD, signedIn, signInPage } from "./sign-in";

// Every page of the console, the API, the probes and the static files answer with the security headers (the test
// Berth is on http: no HSTS, the plain cookie name), and no page loads anything its Content-Security-Policy blocks:
// Next.js' scripts run only because they carry the request's nonce.
let admin: APIRequestContext;
const ids = { tenant: "", user: "", project: "" };
// Fresh names for each worker: a failed test's retry runs beforeAll again.
const slug = `hdr-${randomBytes(3).toString("hex")}`;
const email = `someone@${slug}.test`;

test.beforeAll(async () => {
  admin = await signedIn(ADMIN_EMAIL, adminPassword());
  const created = async (path: string, data: object) => {
    const response = await admin.post(path, { data });
    expect(response.status(), path).toBe(201);
    return (await response.json()).id as string;
  };
  ids.tenant = await created("/api/v1/tenants", { slug, name: "Headers Ltd" });
  ids.user = await created("/api/v1/users", { email, password: PASSWORD });
  ids.project = await created("/api/v1/projects", {
    tenant: slug,
    name: "site",
    services: [{ name: "web", image: "berth-test/busybox:1", command: ["sleep", "3600"], replicas: 1 }],
  });
});
test.afterAll(async () => {
  await admin.delete(`/api/v1/projects/${ids.project}`);
  await admin.dispose();
});

function expectSecurityHeaders(response: Response | APIResponse | null, what: string) {
  const headers = response?.headers() ?? {};
  const policy = headers["content-security-policy"] ?? "";
  // A page's scripts run only with its nonce; an API answer may load nothing at all.
  expect(policy, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+=*' 'strict-dynamic'|^default-src 'none'/);
  expect(policy, what).not.toContain("unsafe-eval");
  expect(policy, what).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(policy, what).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("same-origin");
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

/** Collects what the browser refuses under the page's policy: its `securitypolicyviolation` events and console. */
async function cspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  // The page's own JavaScript (a string: e2e has no DOM types), installed before any of the page's scripts.
  await page.addInitScript(`document.addEventListener("securitypolicyviolation", (event) =>
    reportCspViolation(location.pathname + ": " + event.effectiveDirective + " refused " + (event.blockedURI || "inline")))`);
  return violations;
}

test("every page carries the headers, and its scripts (with the nonce) all run", async ({ page }) => {
  const violations = await cspViolations(page);
  /** The page's headers, Next.js' client running (its inline bootstrap and chunks were allowed), nothing refused. */
  const expectWorking = async (response: Response | null, path: string) => {
    expect(response?.status(), path).toBe(200);
    expectSecurityHeaders(response, path);
    const settled = async () => violations.length > 0 || (await page.evaluate("'next' in window"));
    await expect.poll(settled, { message: path }).toBe(true);
    expect(violations, path).toEqual([]);
    const script = await page.locator("script[src]").first().getAttribute("src");
    expectSecurityHeaders(await page.request.get(script ?? ""), `${path}: ${script}`);
  };
  await expectWorking(await page.goto("/login"), "/login");
  await signInPage(page, ADMIN_EMAIL, adminPassword());

  const pages = [
    "/projects",
    "/projects/new",
    `/projects/${ids.project}`,
    "/tenants",
    `/tenants/${ids.tenant}`,
    "/users",
    `/users/${ids.user}`,
    "/tokens",
    "/audit",
    "/account",
  ];
  for (const path of pages) await expectWorking(await page.goto(path), path);
  expect(violations).toEqual([]);
});

test("the API and the probes carry the headers; the session cookie has its plain name on http", async ({ request }) => {
  for (const path of ["/healthz", "/readyz", "/api/v1/openapi.json", "/api/v1/projects", "/api/v1/nope"]) {
    expectSecurityHeaders(await request.get(path), path);
  }
  const wrong = await request.post("/api/v1/auth/login", { data: { email: "nobody@hdr.test", password: "x" } });
  expect(wrong.status()).toBe(401);
  expectSecurityHeaders(wrong, "a refused sign-in");
  const login = await request.post(`${BASE_URL}/api/v1/auth/login`, {
    data: { email, password: PASSWORD },
  });
  expectSecurityHeaders(login, "a sign-in");
  const cookie = login.headersArray().find((h) => h.name.toLowerCase() === "set-cookie")?.value ?? "";
  expect(cookie).toMatch(/^berth_session=/);
  expect(cookie).not.toMatch(/;\s*secure/i);
});
