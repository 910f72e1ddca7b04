import { randomBytes } from "node:crypto";
import { expect, request, test } from "@playwright/test";
import { BASE_URL } from "./global-setup";
import { ADMIN_EMAIL, adminPassword, PASSWORD, signedIn } from "./sign-in";

// The audit log's signed head over HTTP: an admin saves it, and verify later proves the log still reaches it.
test("an admin saves the signed head and verifies against it; a tenant owner and a stranger may not", async () => {
  const admin = await signedIn(ADMIN_EMAIL, adminPassword());
  const head = await (await admin.get("/api/v1/audit/head")).json();
  expect(head).toEqual({
    id: expect.stringMatching(/^\d+$/),
    hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    hmac: expect.stringMatching(/^[0-9a-f]{64}$/),
  });
  const slug = `head-${randomBytes(3).toString("hex")}`;
  const tenant = await (await admin.post("/api/v1/tenants", { data: { slug, name: slug } })).json();

  const report = await admin.get(`/api/v1/audit/verify?head=${head.id}:${head.hash}:${head.hmac}`);
  expect(await report.json()).toMatchObject({
    ok: true,
    firstBrokenId: null,
    head: { id: head.id, status: "present" },
  });
  const forged = await admin.get(`/api/v1/audit/verify?head=${head.id}:${head.hash}:${"0".repeat(64)}`);
  expect(forged.status()).toBe(422);
  expect((await forged.json()).error.fields.head).toMatch(/signature does not match/);

  const email = `owner@${slug}.test`;
  await admin.post("/api/v1/users", { data: { email, password: PASSWORD } });
  await admin.post(`/api/v1/tenants/${tenant.id}/members`, { data: { email, role: "owner" } });
  const owner = await signedIn(email, PASSWORD);
  expect((await owner.get("/api/v1/audit/head")).status()).toBe(403);
  const stranger = await request.newContext({ baseURL: BASE_URL });
  expect((await stranger.get("/api/v1/audit/head")).status()).toBe(401);
  for (const client of [admin, owner, stranger]) await client.dispose();
});
