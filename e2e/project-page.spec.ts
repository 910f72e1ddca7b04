import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { BASE_URL } from "./global-setup";
import { ADMIN_EMAIL, adminPassword, signedIn } from "./sign-in";

// The project page's first list of services comes with the HTML: without JavaScript the service is there, with its
// replicas and tasks (no blank first paint waiting for the browser to ask the API).
test("the project page renders its services on the server", async ({ browser }) => {
  const admin = await signedIn(ADMIN_EMAIL, adminPassword());
  const slug = `ssr-${randomBytes(3).toString("hex")}`;
  expect((await admin.post("/api/v1/tenants", { data: { slug, name: "SSR Ltd" } })).status()).toBe(201);
  const created = await admin.post("/api/v1/projects", {
    data: {
      tenant: slug,
      name: "site",
      services: [{ name: "web", image: "berth-test/busybox:1", command: ["sleep", "3600"], replicas: 1 }],
    },
  });
  expect(created.status()).toBe(201);
  const project = await created.json();

  const context = await browser.newContext({
    baseURL: BASE_URL,
    javaScriptEnabled: false,
    storageState: await admin.storageState(),
  });
  const page = await context.newPage();
  // Each load is a fresh server render; reload until the reconciler has started the task.
  await expect
    .poll(
      async () => {
        await page.goto(`/projects/${project.id}`);
        return page.getByTestId("service-web").getByTestId("replicas").allTextContents();
      },
      { timeout: 60_000 },
    )
    .toEqual(["1/1"]);
  await expect(page.getByTestId("service-web").getByRole("cell", { name: "running" })).toBeVisible();

  await context.close();
  expect((await admin.delete(`/api/v1/projects/${project.id}`)).status()).toBe(202);
  await admin.dispose();
});
