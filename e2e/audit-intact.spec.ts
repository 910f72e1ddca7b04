import { expect, request, test } from "@playwright/test";
import { BASE_URL } from "./global-setup";

// Runs after every other spec: whatever they did, the audit log's hash chain is intact.
test("the audit chain of everything the tests did verifies", async () => {
  const admin = await request.newContext({ baseURL: BASE_URL });
  const password = process.env.BERTH_E2E_ADMIN_PASSWORD ?? "";
  expect((await admin.post("/api/v1/auth/login", { data: { email: "admin@berth.local", password } })).status()).toBe(
    200,
  );
  const report = await (await admin.get("/api/v1/audit/verify")).json();
  expect(report).toMatchObject({ ok: true, firstBrokenId: null });
  expect(report.count).toBeGreaterThan(0);
  console.log(`audit chain: ${report.count} entries, intact`);
  await admin.dispose();
});
