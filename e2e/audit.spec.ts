import { type APIRequestContext, expect, test } from "@playwright/test";
import { ADMIN_EMAIL, adminPassword, PASSWORD, signedIn } from "./sign-in";

// The audit log over HTTP: who changed what, filters, pages, exports, denied requests, and who may read what.
test.describe.configure({ mode: "serial" });
let admin: APIRequestContext;
const ids: Record<string, string> = {};

type Entry = {
  id: string;
  action: string;
  tenantId: string | null;
  targetType: string;
  targetId: string | null;
  actorEmail: string | null;
};

test.beforeAll(async () => {
  admin = await signedIn(ADMIN_EMAIL, adminPassword());
  for (const slug of ["aud-a", "aud-b"]) {
    ids[slug] = (await (await admin.post("/api/v1/tenants", { data: { slug, name: slug } })).json()).id;
  }
  for (const [email, slug, role] of [
    ["owner-a@aud.test", "aud-a", "owner"],
    ["owner-b@aud.test", "aud-b", "owner"],
    ["viewer-a@aud.test", "aud-a", "viewer"],
  ] as const) {
    await admin.post("/api/v1/users", { data: { email, password: PASSWORD } });
    await admin.post(`/api/v1/tenants/${ids[slug]}/members`, { data: { email, role } });
  }
  const services = [{ name: "web", image: "berth-test/busybox:1", replicas: 0 }];
  for (const name of ["one", "two", "three"]) {
    const project = await admin.post("/api/v1/projects", { data: { tenant: "aud-a", name, services } });
    ids[name] = (await project.json()).id;
  }
});

test("the admin reads who created what, filtered by action prefix and tenant, page by page", async () => {
  const page1 = await (await admin.get(`/api/v1/audit?tenantId=${ids["aud-a"]}&action=project.&limit=2`)).json();
  expect(page1.entries.map((e: Entry) => e.action)).toEqual(["project.created", "project.created"]);
  expect(page1.entries[0]).toMatchObject({ actorEmail: "admin@berth.local", tenantId: ids["aud-a"] });
  expect(page1.nextCursor).toBe(page1.entries[1].id);
  const page2 = await (
    await admin.get(`/api/v1/audit?tenantId=${ids["aud-a"]}&action=project.&limit=2&cursor=${page1.nextCursor}`)
  ).json();
  expect(page2.entries).toHaveLength(1);
  expect(Number(page2.entries[0].id)).toBeLessThan(Number(page1.entries[1].id));
  expect([...page1.entries, ...page2.entries].map((e: { targetId: string }) => e.targetId)).toEqual([
    ids.three,
    ids.two,
    ids.one,
  ]);

  const bad = await admin.get("/api/v1/audit?from=yesterday&limit=9999");
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error.fields).toEqual({
    from: "Give a time like 2026-11-27T09:00:00Z.",
    limit: "At most 500.",
  });
});

test("CSV and JSON exports hold every matching entry, not one page", async () => {
  const csv = await admin.get(`/api/v1/audit?tenantId=${ids["aud-a"]}&action=project.created&format=csv&limit=1`);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(csv.headers()["content-disposition"]).toBe('attachment; filename="berth-audit.csv"');
  const lines = (await csv.text()).trim().split("\n");
  expect(lines[0]).toBe(
    "id,at,actorType,actorId,actorEmail,tenantId,action,targetType,targetId,diff,ip,userAgent,requestId,prevHash,hash",
  );
  expect(lines).toHaveLength(4);
  expect(lines[1]).toContain(ids.three);

  const json = await (
    await admin.get(`/api/v1/audit?tenantId=${ids["aud-a"]}&action=project.created&format=json`)
  ).json();
  expect(json.map((e: { targetId: string }) => e.targetId)).toEqual([ids.three, ids.two, ids.one]);
  expect((await admin.get("/api/v1/audit?format=xml")).status()).toBe(422);
});

test("denied requests are audited; an owner reads only its tenant's entries; a viewer none", async () => {
  const ownerB = await signedIn("owner-b@aud.test", PASSWORD);
  expect((await ownerB.get(`/api/v1/projects/${ids.one}`)).status()).toBe(404);
  expect((await ownerB.post("/api/v1/tenants", { data: { slug: "aud-c", name: "c" } })).status()).toBe(403);

  const denied = await (await admin.get("/api/v1/audit?action=request.denied&limit=2")).json();
  expect(denied.entries.map((e: Entry) => [e.actorEmail, e.targetType, e.tenantId])).toEqual([
    ["owner-b@aud.test", "action", null],
    ["owner-b@aud.test", "project", ids["aud-a"]],
  ]);

  const ownerA = await signedIn("owner-a@aud.test", PASSWORD);
  const own = await (await ownerA.get("/api/v1/audit?limit=500")).json();
  expect(own.entries.length).toBeGreaterThan(3);
  expect(new Set(own.entries.map((e: Entry) => e.tenantId))).toEqual(new Set([ids["aud-a"]]));
  // B's owner knocked on A's project: A's owner learns that someone of another tenant did, not who nor from where.
  const knock = own.entries.find((e: Entry) => e.action === "request.denied" && e.targetId === ids.one);
  expect(knock).toMatchObject({ actorEmail: "a user of another tenant", actorId: null, ip: null, userAgent: null });
  expect(JSON.stringify(own)).not.toContain("owner-b@aud.test");
  const other = await (await ownerA.get(`/api/v1/audit?tenantId=${ids["aud-b"]}`)).json();
  expect(other.entries).toEqual([]);
  expect((await ownerA.get("/api/v1/audit/verify")).status()).toBe(403);

  const viewer = await signedIn("viewer-a@aud.test", PASSWORD);
  expect((await viewer.get("/api/v1/audit")).status()).toBe(403);
  for (const context of [ownerA, ownerB, viewer]) await context.dispose();
});
