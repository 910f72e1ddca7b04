import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, adminPassword, PASSWORD, signedIn, signInPage } from "./sign-in";

// Scaling from the project page: the API takes the new count, the reconciler scales the Swarm service, and the page
// and the projects list follow it live, from the event stream alone.
test("an owner scales a service from its project page and sees Swarm follow; a viewer has no such control", async ({
  page,
  browser,
}) => {
  const admin = await signedIn(ADMIN_EMAIL, adminPassword());
  const tenant = await (await admin.post("/api/v1/tenants", { data: { slug: "scale-a", name: "Scale A" } })).json();
  for (const [email, role] of [
    ["owner@scale.test", "owner"],
    ["viewer@scale.test", "viewer"],
  ] as const) {
    await admin.post("/api/v1/users", { data: { email, password: PASSWORD } });
    expect((await admin.post(`/api/v1/tenants/${tenant.id}/members`, { data: { email, role } })).status()).toBe(201);
  }
  const created = await admin.post("/api/v1/projects", {
    data: {
      tenant: "scale-a",
      name: "site",
      services: [{ name: "web", image: "berth-test/busybox:1", command: ["sleep", "3600"], replicas: 1 }],
    },
  });
  expect(created.status()).toBe(201);
  const project = await created.json();

  await signInPage(page, "owner@scale.test", PASSWORD);
  const row = page.getByRole("row", { name: /site/ });
  await expect(row.getByTestId("running")).toHaveText("healthy 1/1", { timeout: 60_000 });

  await page.getByRole("link", { name: "site" }).click();
  const service = page.getByTestId("service-web");
  await expect(service.getByTestId("replicas")).toHaveText("1/1");
  const listings: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/services")) listings.push(r.url());
  });
  await service.getByLabel("Replicas of web").fill("101");
  await service.getByRole("button", { name: "Scale" }).click();
  await expect(service.getByText("Use 0 to 100 replicas.")).toBeVisible();
  await service.getByLabel("Replicas of web").fill("3");
  await service.getByRole("button", { name: "Scale" }).click();
  await expect(service.getByTestId("replicas")).toHaveText("3/3", { timeout: 60_000 });
  await expect(service.getByRole("cell", { name: "running" })).toHaveCount(3);
  expect(listings).toEqual([]);
  await page.screenshot({ path: ".berth/results/screenshots/project-scaled.png", fullPage: true });

  await page.getByRole("link", { name: "Projects" }).first().click();
  await expect(row.getByTestId("running")).toHaveText("healthy 3/3");
  await page.screenshot({ path: ".berth/results/screenshots/projects-health.png", fullPage: true });

  const viewer = await browser.newPage();
  await signInPage(viewer, "viewer@scale.test", PASSWORD);
  await viewer.goto(`/projects/${project.id}`);
  await expect(viewer.getByTestId("service-web").getByTestId("replicas")).toHaveText("3/3");
  await expect(viewer.getByRole("button", { name: "Scale" })).toHaveCount(0);
  await viewer.close();

  expect((await admin.delete(`/api/v1/projects/${project.id}`)).status()).toBe(202);
  await admin.dispose();
});
