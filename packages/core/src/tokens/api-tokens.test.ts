import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveApiToken } from "../auth/resolve-api-token";
import type { Context } from "../context";
import { createTenant } from "../tenants/create-tenant";
import { adminContext, uniqueSlug } from "../test-context";
import { createToken } from "./create-token";
import { listTokens } from "./list-tokens";
import { revokeToken } from "./revoke-token";

let admin: Context;
let tenantId: string;

beforeAll(async () => {
  admin = await adminContext();
  tenantId = (await createTenant(admin, { slug: uniqueSlug("tok"), name: "Tokens" })).id;
});
afterAll(() => admin.db.$disconnect());

describe("API tokens", () => {
  it("are shown once, stored as a hash, and stand for their role in their tenant", async () => {
    const created = await createToken(admin, tenantId, { name: "deploy", role: "viewer" });
    expect(created.token).toMatch(/^berth_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    const row = await admin.db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(created.token);

    expect(await resolveApiToken(admin.db, created.token)).toEqual({
      kind: "token",
      tokenId: created.id,
      name: "deploy",
      platformRole: null,
      memberships: [{ tenantId, role: "viewer" }],
    });
    const [listed] = await listTokens(admin, tenantId);
    expect(listed).toMatchObject({ name: "deploy", role: "viewer", prefix: created.prefix, revokedAt: null });
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it("stop working when revoked or expired", async () => {
    const revoked = await createToken(admin, tenantId, { name: "old", role: "owner", expiresInDays: 30 });
    await revokeToken(admin, revoked.id);
    expect(await resolveApiToken(admin.db, revoked.token)).toBeNull();

    const expiring = await createToken(admin, null, { name: "platform", role: "operator", expiresInDays: 1 });
    expect(await resolveApiToken(admin.db, expiring.token)).toMatchObject({
      platformRole: "operator",
      memberships: [],
    });
    // Expiry is a day at least: move it into the past rather than wait.
    await admin.db.apiToken.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveApiToken(admin.db, expiring.token)).toBeNull();
    expect(await resolveApiToken(admin.db, "berth_not-a-token")).toBeNull();
  });

  it("need a role of the token's kind, and say which", async () => {
    await expect(createToken(admin, tenantId, { name: "x", role: "admin" })).rejects.toMatchObject({
      code: "invalid",
      fields: { role: "Choose owner or viewer." },
    });
    await expect(createToken(admin, null, { name: " ", role: "operator", expiresInDays: 0 })).rejects.toMatchObject({
      fields: {
        name: "Name the token, for example after the script that uses it.",
        expiresInDays: "A token lasts at least 1 day.",
      },
    });
  });
});
