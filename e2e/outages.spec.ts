import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Docker from "dockerode";
import { readTestEnv } from "../test/test-env";
import { BASE_URL } from "./global-setup";
import { listen, type Signal } from "./listen-events";

const ROOT = path.resolve(import.meta.dirname, "..");
const { DOCKER_HOST } = readTestEnv();
const docker = new Docker({ socketPath: new URL(DOCKER_HOST).pathname });
const testEnv = (command: "up" | "down") =>
  execFileSync("scripts/test-env", [command], { cwd: ROOT, stdio: "inherit" });

test.afterAll(() => testEnv("up"));

test("while Docker is down Berth says so, keeps what it is told, and converges when Docker returns", async ({
  page,
}) => {
  const login = await page.request.post("/api/v1/auth/login", {
    data: { email: "admin@berth.local", password: process.env.BERTH_E2E_ADMIN_PASSWORD },
  });
  expect(login.status()).toBe(200);
  expect((await page.request.post("/api/v1/tenants", { data: { slug: "outage", name: "Outage Ltd" } })).status()).toBe(
    201,
  );

  // A live view open across the outage: after Docker returns it is sent what was created meanwhile.
  const ofBlog = (s: Signal) => s.projects?.find((p) => p.tenant === "outage" && p.project === "blog");
  const heard = listen(page.request, "", (s) => ofBlog(s) !== undefined, 120_000);
  await new Promise((resolve) => setTimeout(resolve, 1000));

  testEnv("down");

  // /readyz asks its clients at most once a second: what it says may be a second old.
  await expect.poll(async () => (await page.request.get("/readyz")).status()).toBe(503);
  const ready = await page.request.get("/readyz");
  expect((await ready.json()).docker.message).toContain(`Docker is unreachable at ${DOCKER_HOST}`);
  // The stream the open view holds is reported lost, with why, as soon as the web notices.
  await expect
    .poll(async () => (await (await page.request.get("/readyz")).json()).events, { timeout: 15_000 })
    .toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Docker's event stream is lost since \S+ \(.+\); reconnecting\.$/),
    });
  // Without a session: which component, not where.
  const anonymous = await fetch(`${BASE_URL}/readyz`);
  expect(anonymous.status).toBe(503);
  expect(await anonymous.json()).toMatchObject({
    ok: false,
    docker: { ok: false, message: "Docker does not answer." },
    events: { ok: false, message: "Docker's event stream does not answer." },
  });

  await page.goto("/projects");
  await expect(page.getByTestId("readiness-banner")).toContainText(`Docker is unreachable at ${DOCKER_HOST}`);

  const created = await page.request.post("/api/v1/projects", {
    data: {
      tenant: "outage",
      name: "blog",
      services: [{ name: "web", image: "berth-test/busybox:1", command: ["sleep", "3600"], replicas: 1 }],
    },
  });
  expect(created.status()).toBe(201);
  const project = await created.json();
  const services = await page.request.get(`/api/v1/projects/${project.id}/services`);
  expect(services.status()).toBe(503);
  expect((await services.json()).error.message).toContain(`Docker is unreachable at ${DOCKER_HOST}`);

  testEnv("up");

  await expect(page.getByTestId("readiness-banner")).toHaveCount(0, { timeout: 15_000 });
  expect(ofBlog((await heard).at(-1) ?? { kind: "" })).toMatchObject({ services: 1, desired: 1 });
  // Back (or, the listener above gone, no stream held): the event stream counts as ready again.
  expect((await (await page.request.get("/readyz")).json()).events.ok).toBe(true);
  await expect
    .poll(async () => (await (await page.request.get(`/api/v1/projects/${project.id}/services`)).json())[0], {
      timeout: 60_000,
    })
    .toMatchObject({ name: "web", created: true, desiredReplicas: 1 });
  const filters = { label: ["berth.tenant=outage", "berth.project=blog"] };
  expect((await docker.listServices({ filters })).map((s) => s.Spec?.Name)).toEqual(["outage_blog_web"]);

  expect((await page.request.delete(`/api/v1/projects/${project.id}`)).status()).toBe(202);
  await expect.poll(async () => (await docker.listServices({ filters })).length, { timeout: 60_000 }).toBe(0);
});
