import { type APIRequestContext, expect, type Page, request, test } from "@playwright/test";
import { BASE_URL } from "./global-setup";

// The console pages for identity: an admin manages users, a tenant's members and tokens; an owner reads its audit
// log and changes its password. Screenshots go to .berth/results/screenshots/.
const PASSWORD = "correct horse battery staple";
test.describe.configure({ mode: "serial" });

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
}

async function apiAs(email: string, password: string): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL: BASE_URL });
  expect((await context.post("/api/v1/auth/login", { data: { email, password } })).status()).toBe(200);
  return context;
}

test("an admin creates a user and a tenant, makes the user its owner, and issues and revokes a token", async ({
  page,
}) => {
  page.on("dialog", (dialog) => dialog.accept());
  await signIn(page, "admin@berth.local", process.env.BERTH_E2E_ADMIN_PASSWORD ?? "");
  await page.getByRole("link", { name: "Users" }).click();
  await page.getByLabel("Email").fill("ui-owner@ui.test");
  await page.getByLabel("Password (12 characters or more)").fill("short");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await page.getByLabel("Password (12 characters or more)").fill(PASSWORD);
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("cell", { name: "ui-owner@ui.test" })).toBeVisible();

  await page.getByRole("link", { name: "Tenants" }).click();
  await page.getByLabel("Slug (used in Swarm names)").fill("ui-co");
  await page.getByLabel("Display name").fill("UI Co");
  await page.getByRole("button", { name: "Create tenant" }).click();
  await page.getByRole("link", { name: "ui-co" }).click();
  await expect(page.getByRole("heading", { name: /UI Co/ })).toBeVisible();
  await page.getByLabel("Email of an existing user").fill("ui-owner@ui.test");
  await page.getByLabel("Role").first().selectOption("owner");
  await page.getByRole("button", { name: "Save member" }).click();
  await expect(page.getByRole("cell", { name: "ui-owner@ui.test" })).toBeVisible();

  await page.getByLabel("Name").fill("deploy script");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.locator(".reveal code").textContent()) ?? "";
  expect(token).toMatch(/^berth_/);
  await page.screenshot({ path: ".berth/results/screenshots/tenant.png", fullPage: true });
  const script = await request.newContext({
    baseURL: BASE_URL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  expect((await script.get("/api/v1/projects")).status()).toBe(200);

  await page
    .getByRole("row", { name: /deploy script/ })
    .getByRole("button", { name: "Revoke" })
    .click();
  await expect(page.getByRole("row", { name: /deploy script/ }).getByText(/revoked/)).toBeVisible();
  expect((await script.get("/api/v1/projects")).status()).toBe(401);
  await script.dispose();
});

test("an owner sees its tenant in the navigation and reads its audit log with filters and exports", async ({
  page,
}) => {
  await signIn(page, "ui-owner@ui.test", PASSWORD);
  await expect(page.getByRole("link", { name: "UI Co" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
  await page.getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("cell", { name: "member.added" })).toBeVisible();
  await page.getByLabel("Action (or prefix: project.)").fill("token.");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("cell", { name: "token.revoked" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "member.added" })).toHaveCount(0);
  await page.screenshot({ path: ".berth/results/screenshots/audit.png", fullPage: true });
  const csv = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  expect(csv).toContain("format=csv");
  const download = await page.request.get(csv ?? "");
  expect((await download.text()).split("\n").filter((l) => l.includes("token."))).toHaveLength(2);

  const users = await page.goto("/users");
  expect(users?.status()).toBe(404);
});

test("changing the password ends the other sessions; an admin can sign a user out everywhere", async ({ page }) => {
  const elsewhere = await apiAs("ui-owner@ui.test", PASSWORD);
  await signIn(page, "ui-owner@ui.test", PASSWORD);
  await page.getByRole("link", { name: "ui-owner@ui.test" }).click();
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password (12 characters or more)").fill(`${PASSWORD} 2`);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password is changed; your other sessions have ended.")).toBeVisible();
  expect((await elsewhere.get("/api/v1/me")).status()).toBe(401);
  expect((await page.request.get("/api/v1/me")).status()).toBe(200);

  const admin = await apiAs("admin@berth.local", process.env.BERTH_E2E_ADMIN_PASSWORD ?? "");
  const users = await (await admin.get("/api/v1/users")).json();
  const owner = users.find((u: { email: string }) => u.email === "ui-owner@ui.test");
  expect((await admin.delete(`/api/v1/users/${owner.id}/sessions`)).status()).toBe(200);
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  for (const context of [elsewhere, admin]) await context.dispose();
});
