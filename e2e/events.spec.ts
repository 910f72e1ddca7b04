import { type APIRequestContext, expect, test } from "@playwright/test";
import { listen, type Signal } from "./listen-events";
import { ADMIN_EMAIL, adminPassword, PASSWORD, signedIn } from "./sign-in";

// Live updates: /api/v1/events follows Docker's event stream and passes on only what the listener may see.
test.describe.configure({ mode: "serial" });
let admin: APIRequestContext;
const ids: Record<string, string> = {};

test.beforeAll(async () => {
  admin = await signedIn(ADMIN_EMAIL, adminPassword());
  for (const slug of ["ev-a", "ev-b"]) {
    ids[slug] = (await (await admin.post("/api/v1/tenants", { data: { slug, name: slug } })).json()).id;
    const email = `owner@${slug}.test`;
    await admin.post("/api/v1/users", { data: { email, password: PASSWORD } });
    await admin.post(`/api/v1/tenants/${ids[slug]}/members`, { data: { email, role: "owner" } });
  }
});

test("an owner sees its project's services change as they happen; another tenant's owner sees none of it", async () => {
  const ownerA = await signedIn("owner@ev-a.test", PASSWORD);
  const ownerB = await signedIn("owner@ev-b.test", PASSWORD);
  const ofLive = (s: Signal) => s.projects?.find((p) => p.tenant === "ev-a" && p.project === "live");
  const heardByA = listen(ownerA, "", (s) => ofLive(s)?.running === 1, 90_000);
  const heardByB = listen(ownerB, "", () => false, 90_000, heardByA);
  await new Promise((resolve) => setTimeout(resolve, 1000)); // both are listening
  const project = await ownerA.post("/api/v1/projects", {
    data: {
      tenant: "ev-a",
      name: "live",
      services: [{ name: "web", image: "berth-test/busybox:1", command: ["sleep", "3600"], replicas: 1 }],
    },
  });
  expect(project.status()).toBe(201);
  ids.live = (await project.json()).id;

  // The list's stream: everything A sees when it opens, then the project's replicas as Swarm starts them.
  const a = await heardByA;
  expect(a[0]).toMatchObject({ kind: "projects", full: true });
  expect(a.at(-1)?.projects).toContainEqual({
    tenant: "ev-a",
    project: "live",
    services: 1,
    running: 1,
    desired: 1,
    health: "healthy",
  });
  const b = await heardByB;
  expect(b.length).toBeGreaterThan(0);
  expect(b.flatMap((s) => s.projects ?? []).filter((p) => p.tenant !== "ev-b")).toEqual([]);

  // One project's stream: A's owner may follow it, B's owner is told it does not exist.
  expect((await ownerB.get(`/api/v1/events?project=${ids.live}`)).status()).toBe(404);
  const gone = (s: Signal) => s.kind === "services" && s.services?.every((row) => !row.created) === true;
  const removal = listen(ownerA, `?project=${ids.live}`, gone, 60_000);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect((await ownerA.delete(`/api/v1/projects/${ids.live}`)).status()).toBe(202);
  const followed = await removal;
  expect(followed[0]?.services).toMatchObject([{ name: "web", created: true, desiredReplicas: 1, runningReplicas: 1 }]);
  expect(followed.at(-1)?.services).toMatchObject([{ name: "web", created: false }]);
  for (const context of [ownerA, ownerB]) await context.dispose();
});

test("an open stream ends once its listener signs out, or may no longer see the project it follows", async () => {
  const ownerB = await signedIn("owner@ev-b.test", PASSWORD);
  const untilEnd = (s: Signal) => s.kind === "end";
  const heard = listen(ownerB, "", untilEnd, 60_000);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect((await ownerB.post("/api/v1/auth/logout")).status()).toBe(200);
  expect((await heard).at(-1)).toEqual({ kind: "end", reason: "unauthenticated" });

  const ownerA = await signedIn("owner@ev-a.test", PASSWORD);
  const project = await ownerA.post("/api/v1/projects", {
    data: { tenant: "ev-a", name: "watched", services: [{ name: "web", image: "berth-test/busybox:1", replicas: 0 }] },
  });
  expect(project.status()).toBe(201);
  const viewerId = (
    await (await admin.post("/api/v1/users", { data: { email: "viewer@ev-a.test", password: PASSWORD } })).json()
  ).id;
  await admin.post(`/api/v1/tenants/${ids["ev-a"]}/members`, { data: { email: "viewer@ev-a.test", role: "viewer" } });
  const viewer = await signedIn("viewer@ev-a.test", PASSWORD);
  const followed = listen(viewer, `?project=${(await project.json()).id}`, untilEnd, 60_000);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const removed = await admin.delete(`/api/v1/tenants/${ids["ev-a"]}/members/${viewerId}`);
  expect(removed.status()).toBeLessThan(300);
  expect((await followed).at(-1)).toEqual({ kind: "end", reason: "not_found" });
  for (const context of [ownerA, ownerB, viewer]) await context.dispose();
});
