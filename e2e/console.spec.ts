import { expect, request, test } from "@playwright/test";
import { BASE_URL } from "./global-setup";
import { ADMIN_EMAIL, adminPassword, PASSWORD, signedIn, signInPage } from "./sign-in";

// The console pages for identity: an admin manages users, a tenant's members and tokens; an owner reads its audit
// log and changes its password. Screenshots go to .berth/results/screenshots/.
test.describe.configure({ mode: "serial" });

test("an admin creates a user and a tenant, makes the user its owner, and issues and revokes a token", async ({
  page,
}) => {
  page.on("dialog", (dialog) => dialog.accept());
  await signInPage(page, ADMIN_EMAIL, adminPassword());
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
  await signInPage(page, "ui-owner@ui.test", PASSWORD);
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
  const elsewhere = await signedIn("ui-owner@ui.test", PASSWORD);
  await signInPage(page, "ui-owner@ui.test", PASSWORD);
  await page.getByRole("link", { name: "ui-owner@ui.test" }).click();
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password (12 characters or more)").fill(`${PASSWORD} 2`);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password is changed; your other sessions have ended.")).toBeVisible();
  expect((await elsewhere.get("/api/v1/me")).status()).toBe(401);
  expect((await page.request.get("/api/v1/me")).status()).toBe(200);

  const admin = await signedIn(ADMIN_EMAIL, adminPassword());
  const users = await (await admin.get("/api/v1/users")).json();
  const owner = users.find((u: { email: string }) => u.email === "ui-owner@ui.test");
  expect((await admin.delete(`/api/v1/users/${owner.id}/sessions`)).status()).toBe(200);
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  for (const context of [elsewhere, admin]) await context.dispose();
});

test("an admin makes a user operator, sets its password, and deletes it, from the user's page", async ({ page }) => {
  page.on("dialog", (dialog) => dialog.accept());
  await signInPage(page, ADMIN_EMAIL, adminPassword());
  await page.getByRole("link", { name: "Users" }).click();
  await page.getByRole("link", { name: "ui-owner@ui.test" }).click();
  await expect(page.getByText("member of UI Co (owner)")).toBeVisible();
  await page.getByLabel("Role").selectOption("operator");
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.getByText(/Platform role: operator/)).toBeVisible();
  await expect(page.getByLabel("Role")).toHaveValue("operator");
  await page.getByLabel("New password (12 characters or more)").fill("a password set by the admin");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("The password is set; the user's sessions have ended.")).toBeVisible();
  await (await signedIn("ui-owner@ui.test", "a password set by the admin")).dispose();
  await page.screenshot({ path: ".berth/results/screenshots/user.png", fullPage: true });

  // It is UI Co's last owner: deleting a user is an admin's decision all the same (membership changes keep an owner).
  await page.getByRole("button", { name: "Delete user" }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(page.getByRole("link", { name: "ui-owner@ui.test" })).toHaveCount(0);
});
