import { expect, test } from "@playwright/test";
import Docker from "dockerode";
import { readTestEnv } from "../test/test-env";
import { ADMIN_EMAIL, adminPassword, signInPage } from "./sign-in";

const PAGE_TEXT = `hello from shop ${Date.now()}`;
const docker = new Docker({ socketPath: new URL(readTestEnv().DOCKER_HOST).pathname });
const shopFilter = { label: ["berth.managed=true", "berth.tenant=acme", "berth.project=shop"] };
// A host port of the default published range (BERTH_PUBLISHED_PORTS) that no other spec publishes.
const HOST_PORT = 30080;

test("an admin creates tenant acme and project shop in the browser, and its container serves HTTP", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await signInPage(page, ADMIN_EMAIL, adminPassword());

  await page.getByRole("link", { name: "Tenants" }).click();
  await page.getByLabel("Slug").fill("acme");
  await page.getByLabel("Display name").fill("Acme Inc.");
  await page.getByRole("button", { name: "Create tenant" }).click();
  await expect(page.getByRole("cell", { name: "Acme Inc." })).toBeVisible();

  await page.getByRole("link", { name: "Projects" }).first().click();
  await page.getByRole("button", { name: "New project" }).click();
  // Other specs' tenants are listed too (the property tests' may sort first): choose acme.
  await page.getByLabel("Tenant").selectOption("acme");
  await page.getByLabel("Project name").fill("shop");
  await page.getByLabel("Service name").fill("web");
  await page.getByLabel("Image", { exact: true }).fill("berth-test/busybox:1");
  await page.getByLabel("Replicas").fill("2");
  await page.getByLabel("Container port").fill("8080");
  await page.getByLabel("Host port (30000-32767)").fill(String(HOST_PORT));
  await page
    .getByLabel(/^Command/)
    .fill(
      ["sh", "-c", `mkdir -p /www && echo '${PAGE_TEXT}' > /www/index.html && exec httpd -f -p 8080 -h /www`].join(
        "\n",
      ),
    );
  // The project page follows the project's event stream, which sends its services after each change: the page never
  // asks for them again.
  // In host mode a node holds the port once: the test swarm's one node fits one replica, and the form says so.
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(
    page.getByText(
      `Port ${HOST_PORT} is published on each node in host mode: at most 1 replica fits (1 node can run this tenant's tasks).`,
    ),
  ).toBeVisible();
  await page.getByLabel("Replicas").fill("1");
  const events = page.waitForRequest((r) => r.url().includes("/api/v1/events?project="));
  const listings: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/services")) listings.push(r.url());
  });
  await page.getByRole("button", { name: "Create project" }).click();

  await expect(page.getByRole("heading", { name: /shop/ })).toBeVisible();
  await events;
  const service = page.getByTestId("service-web");
  await expect(service.getByTestId("replicas")).toHaveText("1/1", { timeout: 90_000 });
  await expect(service.getByRole("cell", { name: "running" })).toHaveCount(1);
  expect(listings).toEqual([]);
  await page.screenshot({ path: ".berth/results/screenshots/project-shop.png", fullPage: true });

  // The task publishes 8080 on the host port asked for, which serves the page.
  const projectId = page.url().split("/").pop();
  const services = await (await page.request.get(`/api/v1/projects/${projectId}/services`)).json();
  const ports: number[] = services[0].tasks.flatMap((t: { ports: { published: number }[] }) =>
    t.ports.map((p) => p.published),
  );
  expect(ports).toEqual([HOST_PORT]);
  const response = await fetch(`http://127.0.0.1:${HOST_PORT}/`);
  expect(await response.text()).toContain(PAGE_TEXT);

  const swarmServices = await docker.listServices({ filters: shopFilter });
  expect(swarmServices.map((s) => s.Spec?.Name)).toEqual(["acme_shop_web"]);
  expect((await docker.listNetworks({ filters: shopFilter })).map((n) => n.Name)).toEqual(["acme_shop_default"]);

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Delete project" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  await expect
    .poll(async () => (await docker.listServices({ filters: shopFilter })).length, { timeout: 60_000 })
    .toBe(0);
  await expect
    .poll(async () => (await docker.listNetworks({ filters: shopFilter })).length, { timeout: 60_000 })
    .toBe(0);
  await page.reload();
  await expect(page.getByRole("link", { name: "shop" })).toHaveCount(0);
});
