import { type APIRequestContext, expect, test } from "@playwright/test";
import fc from "fast-check";
import { BASE_URL } from "./global-setup";
import { ADMIN_EMAIL, adminPassword, PASSWORD, signedIn, signInPage } from "./sign-in";

// A service's log, in the browser and over the API, for tenant logs-a's owner. Its container prints a line to stdout
// and one to stderr, then sleeps.
test.describe.configure({ mode: "serial" });
const OWNER = "owner@logs-a.test";
let admin: APIRequestContext;
let projectId: string;
let serviceId: string;

test.beforeAll(async () => {
  admin = await signedIn(ADMIN_EMAIL, adminPassword());
  const tenant = await admin.post("/api/v1/tenants", { data: { slug: "logs-a", name: "Logs A" } });
  expect(tenant.status()).toBe(201);
  expect((await admin.post("/api/v1/users", { data: { email: OWNER, password: PASSWORD } })).status()).toBe(201);
  const member = await admin.post(`/api/v1/tenants/${(await tenant.json()).id}/members`, {
    data: { email: OWNER, role: "owner" },
  });
  expect(member.status()).toBe(201);
  const script = "echo hello from talk; echo oops on stderr >&2; exec sleep 3600";
  const project = await admin.post("/api/v1/projects", {
    data: {
      tenant: "logs-a",
      name: "chatty",
      services: [{ name: "talk", image: "berth-test/busybox:1", command: ["sh", "-c", script], replicas: 1 }],
    },
  });
  expect(project.status()).toBe(201);
  ({
    id: projectId,
    services: [{ id: serviceId }],
  } = await project.json());
  // 409 until the reconciler has created the service, then the lines once the task has printed them.
  await expect
    .poll(async () => (await admin.get(`/api/v1/services/${serviceId}/logs`)).text(), { timeout: 60_000 })
    .toContain("oops on stderr");
});

test.afterAll(async () => {
  expect((await admin.delete(`/api/v1/projects/${projectId}`)).status()).toBe(202);
  await admin.dispose();
});

test("the project page shows a service's log, stderr marked, and searches it", async ({ page }) => {
  await signInPage(page, OWNER, PASSWORD);
  await page.goto(`/projects/${projectId}`);
  const service = page.getByTestId("service-talk");
  await service.getByText("Logs", { exact: true }).click();
  const log = service.getByRole("log", { name: "Logs of talk" });
  await expect(log).toContainText("hello from talk");
  await expect(log.locator('[data-stream="stderr"]')).toContainText("err oops on stderr");
  await expect(log.locator('[data-stream="stdout"]')).toContainText("out hello from talk");
  await page.screenshot({ path: ".berth/results/screenshots/logs.png", fullPage: true });

  await service.getByLabel("Search the log").fill("OOPS");
  await expect(log).toContainText("oops on stderr");
  await expect(log).not.toContainText("hello from talk");
  await expect(service.getByText("1 of 2 lines")).toBeVisible();

  // Closed with the keyboard: the followed stream ends with it.
  await service.getByText("Logs", { exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(log).toHaveCount(0);
});

test("the API answers NDJSON lines of the streams asked for", async () => {
  const owner = await signedIn(OWNER, PASSWORD);
  const response = await owner.get(`/api/v1/services/${serviceId}/logs?timestamps=true&stdout=false`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/x-ndjson; charset=utf-8");
  const lines = (await response.text())
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line));
  expect(lines).toEqual([{ stream: "stderr", time: expect.stringMatching(/^\d{4}-/), text: "oops on stderr" }]);
  await owner.dispose();
});

test("arbitrary query strings never answer 500", async () => {
  const { cookies } = await admin.storageState();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const nasty = fc.string({
    unit: fc.constantFrom("\0", "%", "%zz", "&", "=", "+", "a", "é", "\ud800", "1", "-", ":", "T", "Z", " "),
    maxLength: 12,
  });
  const value = fc.oneof(
    fc.constantFrom("true", "false", "1", "0", "", "500", "10000", "10001", "-1", "1e3", "2026-11-27T09:00:00Z"),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.integer().map(String),
    nasty,
    fc.string({ maxLength: 30 }),
  );
  const key = fc.oneof(fc.constantFrom("follow", "since", "tail", "timestamps", "stdout", "stderr"), nasty);
  const query = fc.oneof(
    {
      arbitrary: fc.array(fc.tuple(key, value), { maxLength: 6 }).map((pairs) => `${new URLSearchParams(pairs)}`),
      weight: 3,
    },
    nasty,
  );
  await fc.assert(
    fc.asyncProperty(query, async (q) => {
      // Native fetch: it answers with the headers, so a followed log is not waited for to its (never) end.
      const response = await fetch(`${BASE_URL}/api/v1/services/${serviceId}/logs?${q}`, { headers: { cookie } });
      const status = response.status;
      if (status === 200) {
        expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
        await response.body?.cancel();
      } else {
        const text = await response.text();
        expect(status, `?${q} → ${text}`).toBe(422);
        expect(JSON.parse(text).error.fields).toBeDefined();
      }
    }),
    { numRuns: 60, examples: [["follow=true"], ["tail=0"], ["since=%zz"], ["stdout=false&stderr=false"]] },
  );
});
