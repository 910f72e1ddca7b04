import { type APIRequestContext, type APIResponse, expect, request, test } from "@playwright/test";
import { apiRoutes } from "../test/api-routes";
import { BASE_URL } from "./global-setup";
import { ADMIN_EMAIL, adminPassword, PASSWORD, signedIn, signInPage } from "./sign-in";

// Two tenants, an owner each and a viewer in A. Neither owner sees or touches the other's objects, by API or by UI.
// The tests share the users and tenants made once below.
test.describe.configure({ mode: "serial" });
let admin: APIRequestContext;
const ids: Record<string, string> = {};

async function created(response: APIResponse): Promise<{ id: string }> {
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

test.beforeAll(async () => {
  admin = await signedIn(ADMIN_EMAIL, adminPassword());
  for (const slug of ["iso-a", "iso-b"]) {
    ids[slug] = (await created(await admin.post("/api/v1/tenants", { data: { slug, name: slug.toUpperCase() } }))).id;
  }
  for (const [email, tenant, role] of [
    ["owner-a@iso.test", "iso-a", "owner"],
    ["owner-b@iso.test", "iso-b", "owner"],
    ["viewer-a@iso.test", "iso-a", "viewer"],
  ] as const) {
    ids[email] = (await created(await admin.post("/api/v1/users", { data: { email, password: PASSWORD } }))).id;
    await created(await admin.post(`/api/v1/tenants/${ids[tenant]}/members`, { data: { email, role } }));
  }
  const project = await created(
    await admin.post("/api/v1/projects", {
      data: {
        tenant: "iso-a",
        name: "secret-shop",
        services: [{ name: "web", image: "berth-test/busybox:1", replicas: 0 }],
      },
    }),
  );
  ids.projectA = project.id;
  ids.serviceA = (project as unknown as { services: { id: string }[] }).services[0]?.id as string;
  const token = await created(
    await admin.post(`/api/v1/tenants/${ids["iso-a"]}/tokens`, { data: { name: "a-ci", role: "viewer" } }),
  );
  ids.tokenA = token.id;
});

/** For each route that takes ids: tenant A's ids to put in it, and a body for its unsafe methods. */
const crossTenantCases: Record<string, { params: () => Record<string, string>; body?: unknown }> = {
  "/projects/[id]": { params: () => ({ id: ids.projectA as string }) },
  "/projects/[id]/services": { params: () => ({ id: ids.projectA as string }) },
  "/services/[id]": { params: () => ({ id: ids.serviceA as string }), body: { replicas: 3 } },
  "/services/[id]/logs": { params: () => ({ id: ids.serviceA as string }) },
  "/tenants/[id]/members": {
    params: () => ({ id: ids["iso-a"] as string }),
    body: { email: "owner-b@iso.test", role: "owner" },
  },
  "/tenants/[id]/members/[userId]": {
    params: () => ({ id: ids["iso-a"] as string, userId: ids["owner-a@iso.test"] as string }),
  },
  "/tenants/[id]/tokens": { params: () => ({ id: ids["iso-a"] as string }), body: { name: "x", role: "owner" } },
  "/tokens/[id]": { params: () => ({ id: ids.tokenA as string }) },
  "/users/[id]": { params: () => ({ id: ids["owner-a@iso.test"] as string }), body: { platformRole: "admin" } },
  "/users/[id]/sessions": { params: () => ({ id: ids["owner-a@iso.test"] as string }) },
  "/[...unknown]": { params: () => ({ "...unknown": `projects/${ids.projectA}/secrets` }) },
};

test("every route that takes an id answers tenant B's owner with 404 and no data for tenant A's ids", async () => {
  const ownerB = await signedIn("owner-b@iso.test", PASSWORD);
  const auditBefore = await (await admin.get("/api/v1/projects")).json();
  for (const route of apiRoutes().filter((r) => r.path.includes("["))) {
    const testCase = crossTenantCases[route.path];
    expect(testCase, `${route.path} takes an id: add it to crossTenantCases`).toBeDefined();
    const params = testCase?.params() ?? {};
    const url = `/api/v1${route.path.replace(/\[([\w.]+)\]/g, (_, name: string) => params[name] ?? "")}`;
    for (const method of route.methods) {
      const response = await ownerB.fetch(url, { method, data: method === "GET" ? undefined : testCase?.body });
      const text = await response.text();
      expect(response.status(), `${method} ${url}`).toBe(404);
      expect(JSON.parse(text).error.code).toBe("not_found");
      expect(text).not.toContain("secret-shop");
    }
  }
  // Nothing of A's changed: the project, its service and its members are as they were.
  expect(await (await admin.get("/api/v1/projects")).json()).toEqual(auditBefore);
  const projectA = await (await admin.get(`/api/v1/projects/${ids.projectA}`)).json();
  expect(projectA.services.map((s: { replicas: number }) => s.replicas)).toEqual([0]);
  const members = await (await admin.get(`/api/v1/tenants/${ids["iso-a"]}/members`)).json();
  expect(members.map((m: { email: string }) => m.email).sort()).toEqual(["owner-a@iso.test", "viewer-a@iso.test"]);
  const tokens = await (await admin.get(`/api/v1/tenants/${ids["iso-a"]}/tokens`)).json();
  expect(tokens.map((t: { name: string; revokedAt: unknown }) => [t.name, t.revokedAt])).toEqual([["a-ci", null]]);

  const listed = await (await ownerB.get("/api/v1/projects")).json();
  expect(listed).toEqual([]);
  expect((await (await ownerB.get("/api/v1/tenants")).json()).map((t: { slug: string }) => t.slug)).toEqual(["iso-b"]);
  const create = await ownerB.post("/api/v1/projects", {
    data: { tenant: "iso-a", name: "intrusion", services: [{ name: "web", image: "berth-test/busybox:1" }] },
  });
  expect(create.status()).toBe(404);
  await ownerB.dispose();
});

test("a viewer reads its tenant but gets 403 for changes, and sees the create button disabled", async ({ page }) => {
  const viewer = await signedIn("viewer-a@iso.test", PASSWORD);
  expect((await viewer.get(`/api/v1/projects/${ids.projectA}`)).status()).toBe(200);
  const create = await viewer.post("/api/v1/projects", {
    data: { tenant: "iso-a", name: "nope", services: [{ name: "web", image: "berth-test/busybox:1" }] },
  });
  expect(create.status()).toBe(403);
  expect((await create.json()).error.message).toBe("Your role does not allow you to create projects in this tenant.");
  expect((await viewer.delete(`/api/v1/projects/${ids.projectA}`)).status()).toBe(403);
  await viewer.dispose();

  await signInPage(page, "viewer-a@iso.test", PASSWORD);
  await expect(page.getByRole("link", { name: "secret-shop" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New project" })).toBeDisabled();
  await page.getByRole("link", { name: "secret-shop" }).click();
  await expect(page.getByRole("heading", { name: /secret-shop/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete project" })).toHaveCount(0);
});

test("owner A sees A's project; owner B cannot open it by URL; the admin sees both tenants", async ({ page }) => {
  await signInPage(page, "owner-b@iso.test", PASSWORD);
  await expect(page.getByRole("link", { name: "secret-shop" })).toHaveCount(0);
  const response = await page.goto(`/projects/${ids.projectA}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByText("secret-shop")).toHaveCount(0);

  const tenants = await (await admin.get("/api/v1/tenants")).json();
  expect(tenants.map((t: { slug: string }) => t.slug)).toEqual(expect.arrayContaining(["iso-a", "iso-b"]));
});

test("sign-out ends the session on the server: the old cookie no longer works", async () => {
  const owner = await signedIn("owner-a@iso.test", PASSWORD);
  const { cookies } = await owner.storageState();
  expect((await owner.get("/api/v1/me")).status()).toBe(200);
  expect((await owner.post("/api/v1/auth/logout")).status()).toBe(200);

  const replay = await request.newContext({ baseURL: BASE_URL, storageState: { cookies, origins: [] } });
  const response = await replay.get("/api/v1/me");
  expect(response.status()).toBe(401);
  await replay.dispose();
  await owner.dispose();
});
