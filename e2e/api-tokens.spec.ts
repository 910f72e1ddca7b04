import { type APIRequestContext, expect, request, test } from "@playwright/test";
import { BASE_URL } from "./global-setup";
import { ADMIN_EMAIL, adminPassword, PASSWORD, signedIn, signInPage } from "./sign-in";

// API tokens over HTTP: a tenant owner makes one, a script uses it as a Bearer token, the owner revokes it.
test.describe.configure({ mode: "serial" });
let admin: APIRequestContext;
let owner: APIRequestContext;
let tenantId: string;

const withToken = (token: string) =>
  request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });

test.beforeAll(async () => {
  admin = await signedIn(ADMIN_EMAIL, adminPassword());
  tenantId = (await (await admin.post("/api/v1/tenants", { data: { slug: "tok-a", name: "Tok A" } })).json()).id;
  await admin.post("/api/v1/users", { data: { email: "owner@tok.test", password: PASSWORD } });
  await admin.post(`/api/v1/tenants/${tenantId}/members`, { data: { email: "owner@tok.test", role: "owner" } });
  owner = await signedIn("owner@tok.test", PASSWORD);
});

test("a tenant owner's viewer token reads the tenant, is refused changes, and stops working when revoked", async () => {
  const created = await owner.post(`/api/v1/tenants/${tenantId}/tokens`, {
    data: { name: "dashboard", role: "viewer" },
  });
  expect(created.status()).toBe(201);
  const { id, token } = await created.json();
  expect(token).toMatch(/^berth_/);
  const listed = await (await owner.get(`/api/v1/tenants/${tenantId}/tokens`)).json();
  expect(JSON.stringify(listed)).not.toContain(token);

  const script = await withToken(token);
  expect((await (await script.get("/api/v1/tenants")).json()).map((t: { slug: string }) => t.slug)).toEqual(["tok-a"]);
  const refused = await script.post("/api/v1/projects", {
    data: { tenant: "tok-a", name: "nope", services: [{ name: "web", image: "berth-test/busybox:1" }] },
  });
  expect(refused.status()).toBe(403);
  const me = await (await script.get("/api/v1/me")).json();
  expect(me).toMatchObject({ kind: "token", name: "dashboard" });

  expect((await owner.delete(`/api/v1/tokens/${id}`)).status()).toBe(200);
  const after = await script.get("/api/v1/tenants");
  expect(after.status()).toBe(401);
  expect((await after.json()).error.message).toBe("This API token was revoked.");
  await script.dispose();
});

test("an owner token changes things without cookies or Origin; an owner cannot make platform tokens", async () => {
  const { token } = await (
    await owner.post(`/api/v1/tenants/${tenantId}/tokens`, { data: { name: "ci", role: "owner", expiresInDays: 7 } })
  ).json();
  const script = await withToken(token);
  const project = await script.post("/api/v1/projects", {
    data: { tenant: "tok-a", name: "from-ci", services: [{ name: "web", image: "berth-test/busybox:1", replicas: 0 }] },
  });
  expect(project.status()).toBe(201);
  const entry = await (await admin.get(`/api/v1/projects/${(await project.json()).id}`)).json();
  expect(entry.name).toBe("from-ci");

  const platform = await owner.post("/api/v1/tokens", { data: { name: "root", role: "admin" } });
  expect(platform.status()).toBe(403);
  // A token does not make tokens: a leaked token cannot mint itself a successor.
  const minted = await script.post(`/api/v1/tenants/${tenantId}/tokens`, { data: { name: "more", role: "owner" } });
  expect(minted.status()).toBe(403);
  await script.dispose();
});

test("an admin's platform operator token acts for every tenant", async () => {
  const { token } = await (await admin.post("/api/v1/tokens", { data: { name: "ops", role: "operator" } })).json();
  const script = await withToken(token);
  const slugs = (await (await script.get("/api/v1/tenants")).json()).map((t: { slug: string }) => t.slug);
  expect(slugs).toContain("tok-a");
  expect((await script.post("/api/v1/tenants", { data: { slug: "by-op", name: "x" } })).status()).toBe(403);
  await script.dispose();
});

test("a token stops working, saying why, when its creator is removed from the tenant; an admin sees and revokes it", async ({
  page,
}) => {
  const user = await (
    await admin.post("/api/v1/users", { data: { email: "leaver@tok.test", password: PASSWORD } })
  ).json();
  await admin.post(`/api/v1/tenants/${tenantId}/members`, { data: { email: "leaver@tok.test", role: "owner" } });
  const leaver = await signedIn("leaver@tok.test", PASSWORD);
  const created = await leaver.post(`/api/v1/tenants/${tenantId}/tokens`, { data: { name: "cron", role: "owner" } });
  const { id, token } = await created.json();
  const script = await withToken(token);
  expect((await script.get("/api/v1/projects")).status()).toBe(200);

  expect((await admin.delete(`/api/v1/tenants/${tenantId}/members/${user.id}`)).status()).toBe(200);
  const refused = await script.get("/api/v1/projects");
  expect(refused.status()).toBe(401);
  const reason =
    "This API token's creator (leaver@tok.test) no longer has a role in tenant tok-a; ask an owner of tok-a for a new token.";
  expect((await refused.json()).error.message).toBe(reason);

  const all = await admin.get("/api/v1/tokens/all");
  expect((await all.json()).find((t: { id: string }) => t.id === id)).toMatchObject({
    tenant: { slug: "tok-a" },
    createdBy: "leaver@tok.test",
    inactiveReason: reason,
  });
  expect((await owner.get("/api/v1/tokens/all")).status()).toBe(403);

  // The admin's API tokens page lists every token: this one inactive, with the reason, and revocable.
  page.on("dialog", (dialog) => dialog.accept());
  await signInPage(page, ADMIN_EMAIL, adminPassword());
  await page.getByRole("link", { name: "API tokens" }).click();
  const row = page.getByRole("row", { name: /cron/ });
  await expect(row.getByRole("cell", { name: "tok-a", exact: true })).toBeVisible();
  await expect(row.getByText("inactive", { exact: true })).toBeVisible();
  await expect(row.getByText(reason)).toBeVisible();
  await page.screenshot({ path: ".berth/results/screenshots/tokens.png", fullPage: true });
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row.getByText(/revoked/)).toBeVisible();
  expect(
    (await (await admin.get("/api/v1/tokens/all")).json()).find((t: { id: string }) => t.id === id).revokedAt,
  ).not.toBeNull();
  await script.dispose();
  await leaver.dispose();
});

test("sign-in failures from one address are limited: 429 with Retry-After, for every account", async () => {
  // A client address of its own, so that other specs' sign-ins from 127.0.0.1 are not limited.
  const client = await request.newContext({
    baseURL: BASE_URL,
    extraHTTPHeaders: { "x-forwarded-for": "203.0.113.7" },
  });
  for (let i = 0; i < 10; i++) {
    const failed = await client.post("/api/v1/auth/login", { data: { email: `nobody${i}@tok.test`, password: "x" } });
    expect(failed.status()).toBe(401);
  }
  const limited = await client.post("/api/v1/auth/login", { data: { email: "owner@tok.test", password: PASSWORD } });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(800);
  expect((await limited.json()).error.message).toMatch(/^Too many failed sign-ins .* try again in 15 minutes\.$/);
  // The account itself is not locked: from another address it signs in.
  const elsewhere = await request.newContext({
    baseURL: BASE_URL,
    extraHTTPHeaders: { "x-forwarded-for": "203.0.113.8" },
  });
  expect(
    (await elsewhere.post("/api/v1/auth/login", { data: { email: "owner@tok.test", password: PASSWORD } })).status(),
  ).toBe(200);
  await client.dispose();
  await elsewhere.dispose();
});

test("a directory user signs in in the browser and sees the tenant its LDAP group maps to", async ({ page }) => {
  expect((await admin.post("/api/v1/tenants", { data: { slug: "ldap-acme", name: "LDAP Acme" } })).status()).toBe(201);
  await signInPage(page, "alice@acme.test", "alice-pass");
  await expect(page.getByRole("button", { name: "New project" })).toBeEnabled();
  // A customer's navigation names its own tenant, and has no list of tenants.
  await expect(page.getByRole("link", { name: "LDAP Acme" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Tenants" })).toHaveCount(0);
  await page.goto("/tenants");
  await expect(page.getByText("ldap-acme")).toBeVisible();
  await expect(page.getByText("tok-a")).toHaveCount(0);
});
