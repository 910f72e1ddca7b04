import { can, type Principal } from "@berth/policy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrincipalCache } from "../auth/principal-cache";
import { principalOf } from "../auth/principal-of";
import { resolveApiToken } from "../auth/resolve-api-token";
import type { Context } from "../context";
import { addMember } from "../members/add-member";
import { removeMember } from "../members/remove-member";
import { createTenant } from "../tenants/create-tenant";
import { listTenants } from "../tenants/list-tenants";
import { adminContext, uniqueSlug } from "../test-context";
import { createUser } from "../users/create-user";
import { listUsers } from "../users/list-users";
import { updateUser } from "../users/update-user";
import { createPlatformToken } from "./create-platform-token";
import { createTenantToken } from "./create-tenant-token";
import { listAllTokens } from "./list-all-tokens";
import { listPlatformTokens } from "./list-platform-tokens";
import { listTenantTokens } from "./list-tenant-tokens";
import { revokeToken } from "./revoke-token";

let admin: Context;
let tenantId: string;
let slug: string;

/** A new user with `platformRole`, or with `role` in the test's tenant. */
async function newUser(access: { platformRole: "admin" | "operator" } | { role: "owner" | "viewer" }) {
  const email = `${uniqueSlug("tok")}@tok.test`;
  const platformRole = "platformRole" in access ? access.platformRole : null;
  const user = await createUser(admin, { email, password: "correct horse battery staple", platformRole });
  if ("role" in access) await addMember(admin, tenantId, { email, role: access.role });
  return user;
}

/** A context acting as the user, with the roles it has now. */
async function actingAs(userId: string): Promise<Context> {
  const user = await admin.db.user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: true } });
  return { ...admin, principal: principalOf(user) };
}

const withPrincipal = (principal: Principal): Context => ({ ...admin, principal });

beforeAll(async () => {
  admin = await adminContext();
  slug = uniqueSlug("tok");
  tenantId = (await createTenant(admin, { slug, name: "Tokens" })).id;
  // The tenant keeps an owner whoever else is removed.
  await newUser({ role: "owner" });
});
afterAll(() => admin.db.$disconnect());

describe("API tokens", () => {
  it("are shown once, stored as a hash, and stand for their role in their tenant", async () => {
    const created = await createTenantToken(admin, tenantId, { name: "deploy", role: "viewer" });
    expect(created.token).toMatch(/^berth_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    const row = await admin.db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(created.token);

    expect(await resolveApiToken(admin.db, createPrincipalCache(), created.token)).toEqual({
      kind: "token",
      tokenId: created.id,
      name: "deploy",
      platformRole: null,
      memberships: [{ tenantId, role: "viewer" }],
      creator: { platformRole: "admin", memberships: [] },
    });
    const [listed] = await listTenantTokens(admin, tenantId);
    expect(listed).toMatchObject({ name: "deploy", role: "viewer", prefix: created.prefix, revokedAt: null });
    expect(listed).toMatchObject({ tenant: { id: tenantId, slug }, inactiveReason: null });
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it("stop working when revoked or expired, and say so", async () => {
    const revoked = await createTenantToken(admin, tenantId, { name: "old", role: "owner", expiresInDays: 30 });
    await revokeToken(admin, revoked.id);
    await expect(resolveApiToken(admin.db, createPrincipalCache(), revoked.token)).rejects.toMatchObject({
      code: "unauthenticated",
      message: "This API token was revoked.",
    });

    const expiring = await createPlatformToken(admin, { name: "platform", role: "operator", expiresInDays: 1 });
    expect(await resolveApiToken(admin.db, createPrincipalCache(), expiring.token)).toMatchObject({
      platformRole: "operator",
      memberships: [],
    });
    // Expiry is a day at least: move it into the past rather than wait.
    await admin.db.apiToken.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(resolveApiToken(admin.db, createPrincipalCache(), expiring.token)).rejects.toMatchObject({
      code: "unauthenticated",
      message: "This API token has expired.",
    });
    await expect(resolveApiToken(admin.db, createPrincipalCache(), "berth_not-a-token")).rejects.toMatchObject({
      code: "unauthenticated",
      message: "This API token is unknown: check that it was copied whole.",
    });
  });

  it("need a role of the token's kind, and say which", async () => {
    await expect(createTenantToken(admin, tenantId, { name: "x", role: "admin" })).rejects.toMatchObject({
      code: "invalid",
      fields: { role: "Choose owner or viewer." },
    });
    await expect(createPlatformToken(admin, { name: " ", role: "operator", expiresInDays: 0 })).rejects.toMatchObject({
      fields: {
        name: "Name the token, for example after the script that uses it.",
        expiresInDays: "A token lasts at least 1 day.",
      },
    });
  });
});

describe("an API token follows its creator's current rights", () => {
  it("is refused, saying why, once its creator is removed from the tenant; listed as inactive", async () => {
    const owner = await newUser({ role: "owner" });
    const { id, token } = await createTenantToken(await actingAs(owner.id), tenantId, { name: "ci", role: "owner" });
    const principal = await resolveApiToken(admin.db, createPrincipalCache(), token);
    expect(await listTenants(withPrincipal(principal))).toMatchObject([{ id: tenantId }]);

    await removeMember(admin, tenantId, owner.id);
    const reason = `This API token's creator (${owner.email}) no longer has a role in tenant ${slug}; ask an owner of ${slug} for a new token.`;
    await expect(resolveApiToken(admin.db, createPrincipalCache(), token)).rejects.toMatchObject({
      code: "unauthenticated",
      message: reason,
    });
    const listed = (await listTenantTokens(admin, tenantId)).find((t) => t.id === id);
    expect(listed).toMatchObject({ revokedAt: null, inactiveReason: reason });

    // Back in the tenant as a viewer, the owner token does what a viewer may, no more.
    await addMember(admin, tenantId, { email: owner.email, role: "viewer" });
    const narrowed = await resolveApiToken(admin.db, createPrincipalCache(), token);
    expect(can(narrowed, "project.read", { tenantId })).toBe(true);
    expect(can(narrowed, "project.create", { tenantId })).toBe(false);
  });

  it("keeps an owner's viewer token a viewer token", async () => {
    const owner = await newUser({ role: "owner" });
    const { token } = await createTenantToken(await actingAs(owner.id), tenantId, { name: "read", role: "viewer" });
    const principal = await resolveApiToken(admin.db, createPrincipalCache(), token);
    expect(can(principal, "project.read", { tenantId })).toBe(true);
    expect(can(principal, "project.create", { tenantId })).toBe(false);
  });

  it("stops doing admin things when its admin creator is demoted to operator", async () => {
    const creator = await newUser({ platformRole: "admin" });
    const { token } = await createPlatformToken(await actingAs(creator.id), { name: "root", role: "admin" });
    await expect(
      listUsers(withPrincipal(await resolveApiToken(admin.db, createPrincipalCache(), token))),
    ).resolves.not.toHaveLength(0);

    await updateUser(admin, creator.id, { platformRole: "operator" });
    const demoted = await resolveApiToken(admin.db, createPrincipalCache(), token);
    await expect(listUsers(withPrincipal(demoted))).rejects.toThrow("Your role does not allow you to manage users.");
    expect(can(demoted, "project.create", { tenantId })).toBe(true);
  });

  it("is refused once its creator has no platform role", async () => {
    const creator = await newUser({ platformRole: "admin" });
    const { id, token } = await createPlatformToken(await actingAs(creator.id), { name: "ops", role: "operator" });
    await updateUser(admin, creator.id, { platformRole: null });
    const reason = `This API token's creator (${creator.email}) no longer has a platform role; ask an admin for a new token.`;
    await expect(resolveApiToken(admin.db, createPrincipalCache(), token)).rejects.toMatchObject({
      code: "unauthenticated",
      message: reason,
    });
    expect((await listPlatformTokens(admin)).find((t) => t.id === id)).toMatchObject({ inactiveReason: reason });
  });
});

describe("an admin", () => {
  it("lists every token, the platform's and every tenant's, and revokes any; an owner may not", async () => {
    const owner = await newUser({ role: "owner" });
    const ownerCtx = await actingAs(owner.id);
    const tenantToken = await createTenantToken(ownerCtx, tenantId, { name: "owner's", role: "viewer" });
    const platformToken = await createPlatformToken(admin, { name: "admin's", role: "operator" });

    const all = await listAllTokens(admin);
    expect(all.find((t) => t.id === tenantToken.id)).toMatchObject({ tenant: { slug }, createdBy: owner.email });
    expect(all.find((t) => t.id === platformToken.id)).toMatchObject({ tenant: null, role: "operator" });
    expect((await listPlatformTokens(admin)).map((t) => t.id)).not.toContain(tenantToken.id);

    await revokeToken(admin, tenantToken.id);
    await expect(resolveApiToken(admin.db, createPrincipalCache(), tenantToken.token)).rejects.toMatchObject({
      code: "unauthenticated",
    });

    await expect(listAllTokens(ownerCtx)).rejects.toThrow("Your role does not allow you to manage platform API tokens");
    await expect(revokeToken(ownerCtx, platformToken.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
