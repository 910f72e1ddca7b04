import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, adminPassword, signedIn } from "./sign-in";

// Runs after every other spec: whatever they did, the audit log's hash chain is intact.
test("the audit chain of everything the tests did verifies", async () => {
  const admin = await signedIn(ADMIN_EMAIL, adminPassword());
  const report = await (await admin.get("/api/v1/audit/verify")).json();
  expect(report).toMatchObject({ ok: true, firstBrokenId: null });
  expect(report.count).toBeGreaterThan(0);
  console.log(`audit chain: ${report.count} entries, intact`);
  await admin.dispose();
});
