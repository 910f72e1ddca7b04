import type { Db } from "@berth/db";
import type { Principal } from "@berth/policy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrincipalCache } from "../auth/principal-cache";
import { resolveSession } from "../auth/resolve-session";
import { signIn } from "../auth/sign-in";
import type { Context } from "../context";
import { addMember } from "../members/add-member";
import { removeMember } from "../members/remove-member";
import { createTenant } from "../tenants/create-tenant";
import { adminContext, ownDatabase, testAuthSettings } from "../test-context";
import { createTenantToken } from "../tokens/create-tenant-token";
import { createUser } from "./create-user";
import { deleteUser } from "./delete-user";
import { updateUser } from "./update-user";

// A database of its own: "the last admin" must mean the admins of this test alone.
let db: Db;
let drop: () => Promise<void>;
let ctx: Context;
const password = "correct horse battery staple";

beforeAll(async () => {
  ({ db, drop } = await ownDatabase());
  const admin = await db.user.create({ data: { email: "root@u.test", passwordHash: null, platformRole: "admin" } });
  const principal: Principal = {
    kind: "user",
    userId: admin.id,
    email: admin.email,
    platformRole: "admin",
    memberships: [],
  };
  ctx = { ...(await adminContext()), db, principal };
});
afterAll(() => drop());

const as = (principal: Principal): Context => ({ ...ctx, principal });

describe("managing users", () => {
  it("changes a platform role, but never takes the last admin away", async () => {
    const root = ctx.principal.kind === "user" ? ctx.principal.userId : "";
    await expect(updateUser(ctx, root, { platformRole: "operator" })).rejects.toMatchObject({
      code: "conflict",
      message: "Berth needs an admin: make another user admin first.",
    });
    const other = await createUser(ctx, { email: "second@u.test", password, platformRole: "admin" });
    expect(await updateUser(ctx, root, { platformRole: null })).toMatchObject({ platformRole: null });
    await expect(updateUser(ctx, other.id, { platformRole: "operator" })).rejects.toMatchObject({ code: "conflict" });
    await updateUser(ctx, root, { platformRole: "admin" });
  });

  it("sets a new password, ending the user's sessions, and refuses one for a directory user", async () => {
    const user = await createUser(ctx, { email: "reset@u.test", password });
    const { token } = await signIn({ ...ctx, auth: testAuthSettings }, { email: "reset@u.test", password });
    await updateUser(ctx, user.id, { password: "a brand new password" });
    expect(await resolveSession(db, testAuthSettings, createPrincipalCache(), token)).toBeNull();
    await expect(signIn(ctx, { email: "reset@u.test", password: "a brand new password" })).resolves.toBeDefined();

    const directory = await db.user.create({ data: { email: "ldap@u.test", passwordHash: null } });
    await expect(updateUser(ctx, directory.id, { password: "a brand new password" })).rejects.toMatchObject({
      fields: { password: "Change it in the directory." },
    });
    await expect(updateUser(ctx, user.id, {})).rejects.toMatchObject({
      fields: { body: "Give a platformRole or a password." },
    });
  });

  it("deletes a user with its memberships and the tokens it made; not oneself", async () => {
    const tenant = await createTenant(ctx, { slug: "del-co", name: "Del" });
    const user = await createUser(ctx, { email: "leaver@u.test", password });
    await createUser(ctx, { email: "stayer@u.test", password });
    await addMember(ctx, tenant.id, { email: "leaver@u.test", role: "owner" });
    await addMember(ctx, tenant.id, { email: "stayer@u.test", role: "owner" });
    const leaver: Principal = {
      kind: "user",
      userId: user.id,
      email: user.email,
      platformRole: null,
      memberships: [{ tenantId: tenant.id, role: "owner" }],
    };
    const { id: tokenId } = await createTenantToken(as(leaver), tenant.id, { name: "ci", role: "viewer" });

    await expect(deleteUser(ctx, ctx.principal.kind === "user" ? ctx.principal.userId : "")).rejects.toMatchObject({
      message: "You cannot delete yourself; ask another admin.",
    });
    await deleteUser(ctx, user.id);
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.apiToken.findUnique({ where: { id: tokenId } })).toBeNull();
    const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "user.deleted", targetId: user.id } });
    expect(audit.diff).toMatchObject({ before: { email: "leaver@u.test", activeTokens: 1 } });
  });

  it("keeps a tenant's last owner: not removed, not made viewer", async () => {
    const tenant = await createTenant(ctx, { slug: "last-co", name: "Last" });
    const owner = await createUser(ctx, { email: "last-owner@u.test", password });
    await createUser(ctx, { email: "next-owner@u.test", password });
    await addMember(ctx, tenant.id, { email: "last-owner@u.test", role: "owner" });
    const refusal = { code: "conflict", message: "The tenant needs an owner: make another member owner first." };
    await expect(removeMember(ctx, tenant.id, owner.id)).rejects.toMatchObject(refusal);
    await expect(addMember(ctx, tenant.id, { email: "last-owner@u.test", role: "viewer" })).rejects.toMatchObject(
      refusal,
    );
    await addMember(ctx, tenant.id, { email: "next-owner@u.test", role: "owner" });
    await expect(removeMember(ctx, tenant.id, owner.id)).resolves.toEqual({ removed: true });
  });
});
