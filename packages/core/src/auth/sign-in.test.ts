import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Context } from "../context";
import type { AppError } from "../errors";
import { createTenant } from "../tenants/create-tenant";
import { adminContext, testAuthSettings, uniqueSlug } from "../test-context";
import { createUser } from "../users/create-user";
import { changePassword } from "./change-password";
import { createPrincipalCache } from "./principal-cache";
import { resolveSession } from "./resolve-session";
import { signIn } from "./sign-in";

// Sign-in against the real database and the real test directory (scripts/env/ldap.sh).
let admin: Context;
const password = "correct horse battery staple";
const uniqueEmail = (name: string) => `${name}-${randomBytes(3).toString("hex")}@berth.test`;
/** A client at its own address, so that tests do not share the per-address limit. */
const from = (ctx: Context, auth = ctx.auth) => ({
  ...ctx,
  auth,
  request: { ip: `10.${randomBytes(3).join(".")}`, requestId: "test" },
});
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable("signed in"),
    (error: unknown) => error as AppError,
  );

beforeAll(async () => {
  admin = await adminContext();
});
afterAll(() => admin.db.$disconnect());

describe("signIn", () => {
  it("opens a session with a new id each time, and audits every failure", async () => {
    const email = uniqueEmail("user");
    await createUser(admin, { email, password });
    const client = from(admin);
    const first = await signIn(client, { email, password });
    const second = await signIn(client, { email, password });
    expect(first.token).not.toBe(second.token);
    expect(await resolveSession(admin.db, admin.auth, createPrincipalCache(), first.token)).toMatchObject({
      kind: "user",
      email,
    });

    const failure = await rejection(signIn(client, { email, password: "wrong" }));
    expect(failure).toMatchObject({ code: "unauthenticated", message: "The email or password is incorrect." });
    const audited = await admin.db.auditEntry.findFirst({
      where: { action: "auth.sign_in_failed", ip: client.request.ip },
    });
    expect(audited?.diff).toEqual({ after: { email } });
  });

  it("refuses an account after too many failures, with the right password too, and says when to retry", async () => {
    const email = uniqueEmail("limited");
    await createUser(admin, { email, password });
    const auth = { ...testAuthSettings, signInFailuresAllowed: 3 };
    for (let i = 0; i < 3; i++) {
      // Each failure from another address: the account's own limit is what stops the next try.
      await rejection(signIn(from(admin, auth), { email, password: `wrong-${i}` }));
    }
    const refused = await rejection(signIn(from(admin, auth), { email, password }));
    expect(refused.code).toBe("rate_limited");
    expect(refused.status).toBe(429);
    expect(refused.message).toBe(
      "Too many failed sign-ins for this account or from this address; try again in 15 minutes.",
    );
    expect(refused.extra.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(refused.extra.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(await admin.db.signInLockout.findUnique({ where: { key: `account:${email}` } })).toMatchObject({
      refused: 1,
    });
    // Another account is not affected; and with a shorter window the account is free again.
    const other = uniqueEmail("other");
    await createUser(admin, { email: other, password });
    await expect(signIn(from(admin, auth), { email: other, password })).resolves.toHaveProperty("token");
  });

  it("lets 50 parallel wrong passwords for one account check at most the allowed number, then answers 429", async () => {
    const email = uniqueEmail("parallel");
    await createUser(admin, { email, password });
    const client = from(admin);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => rejection(signIn(client, { email, password: `wrong-${i}` }))),
    );
    const codes = answers.map((a) => a.code);
    expect(codes.filter((c) => c === "unauthenticated")).toHaveLength(admin.auth.signInFailuresAllowed);
    expect(codes.filter((c) => c === "rate_limited")).toHaveLength(50 - admin.auth.signInFailuresAllowed);
    const failures = await admin.db.auditEntry.count({
      where: { action: "auth.sign_in_failed", ip: client.request.ip },
    });
    expect(failures).toBe(admin.auth.signInFailuresAllowed);
  });

  it("writes one audit entry per lock-out, with the number of attempts it refused, when it ends", async () => {
    const email = uniqueEmail("hammered");
    const auth = { ...testAuthSettings, signInFailuresAllowed: 2 };
    for (let i = 0; i < 2; i++) await rejection(signIn(from(admin, auth), { email, password: "x" }));
    for (let i = 0; i < 5; i++) {
      expect((await rejection(signIn(from(admin, auth), { email, password: "x" }))).code).toBe("rate_limited");
    }
    const refusals = () =>
      admin.db.auditEntry.findMany({
        where: { action: "auth.sign_in_refused", diff: { path: ["after", "email"], equals: email } },
      });
    expect(await refusals()).toHaveLength(0);
    // The lock-out ends (moved into the past rather than waited for); the next attempt, of anyone, audits it.
    await admin.db.signInLockout.update({
      where: { key: `account:${email}` },
      data: { until: new Date(Date.now() - 1) },
    });
    await rejection(signIn(from(admin), { email: uniqueEmail("someone"), password: "x" }));
    const [entry, ...more] = await refusals();
    expect(more).toHaveLength(0);
    expect(entry?.diff).toMatchObject({ after: { email, refused: 5 } });
    expect(entry?.ip).toBeNull();
  });

  it("refuses an address after too many failures, whichever accounts it tries, existing or not", async () => {
    const client = from(admin, { ...admin.auth, signInFailuresAllowed: 3 });
    for (let i = 0; i < 3; i++) await rejection(signIn(client, { email: uniqueEmail("ghost"), password: "x" }));
    const email = uniqueEmail("victim");
    await createUser(admin, { email, password });
    expect((await rejection(signIn(client, { email, password }))).code).toBe("rate_limited");
    await expect(signIn(from(admin), { email, password })).resolves.toHaveProperty("token");
  });

  it("signs in a directory user, creating it with the tenant roles its LDAP groups map to", async () => {
    const acme = uniqueSlug("acme");
    await createTenant(admin, { slug: acme, name: "Acme" });
    const ldap = inject("ldap");
    const groupMap = [
      { dn: `cn=acme-owners,${ldap.groupBase}`.toLowerCase(), tenant: acme, role: "owner" as const },
      { dn: `cn=globex-viewers,${ldap.groupBase}`.toLowerCase(), tenant: "no-such-tenant", role: "viewer" as const },
    ];
    const auth = { ...admin.auth, ldap: { ...ldap, userFilter: "(mail={email})", groupMap } };
    const tenantId = (await admin.db.tenant.findUniqueOrThrow({ where: { slug: acme } })).id;

    const alice = await signIn(from(admin, auth), { email: "alice@acme.test", password: "alice-pass" });
    expect(await resolveSession(admin.db, auth, createPrincipalCache(), alice.token)).toMatchObject({
      email: "alice@acme.test",
      platformRole: null,
      memberships: [{ tenantId, role: "owner" }],
    });
    const user = await admin.db.user.findUniqueOrThrow({ where: { email: "alice@acme.test" } });
    expect(user.passwordHash).toBeNull();

    // Bob's group maps to a tenant that does not exist: he signs in with no tenant.
    const bob = await signIn(from(admin, auth), { email: "bob@globex.test", password: "bob-pass" });
    expect(await resolveSession(admin.db, auth, createPrincipalCache(), bob.token)).toMatchObject({ memberships: [] });

    const wrong = await rejection(signIn(from(admin, auth), { email: "alice@acme.test", password: "bob-pass" }));
    expect(wrong.code).toBe("unauthenticated");
    // With the directory unreachable, the answer names it instead of claiming a wrong password.
    const down = { ...auth, ldap: { ...auth.ldap, url: "ldap://127.0.0.1:1" } };
    const unreachable = await rejection(
      signIn(from(admin, down), { email: "carol@acme.test", password: "carol-pass" }),
    );
    expect(unreachable.code).toBe("unavailable");
    expect(unreachable.message).toContain("ldap://127.0.0.1:1");
  });

  it("ends every session of the user when its password changes, and opens a new one", async () => {
    const email = uniqueEmail("changer");
    await createUser(admin, { email, password });
    const client = from(admin);
    const laptop = await signIn(client, { email, password });
    const phone = await signIn(client, { email, password });
    const principal = await resolveSession(admin.db, admin.auth, createPrincipalCache(), laptop.token);
    if (!principal) throw new Error("no session");
    const ctx = { ...client, principal };

    const wrong = await changePassword(ctx, { currentPassword: "nope", newPassword: "another long password" }).catch(
      (error: AppError) => error,
    );
    expect(wrong).toMatchObject({ code: "invalid", fields: { currentPassword: "Incorrect." } });
    expect(await resolveSession(admin.db, admin.auth, createPrincipalCache(), phone.token)).not.toBeNull();

    const fresh = await changePassword(ctx, { currentPassword: password, newPassword: "another long password" });
    expect(await resolveSession(admin.db, admin.auth, createPrincipalCache(), laptop.token)).toBeNull();
    expect(await resolveSession(admin.db, admin.auth, createPrincipalCache(), phone.token)).toBeNull();
    expect(await resolveSession(admin.db, admin.auth, createPrincipalCache(), fresh.token)).toMatchObject({ email });
    await expect(signIn(client, { email, password: "another long password" })).resolves.toHaveProperty("token");
  });

  it("keeps a session in use, and ends one that has been idle too long", async () => {
    const email = uniqueEmail("idle");
    await createUser(admin, { email, password });
    const { token } = await signIn(from(admin), { email, password });
    const shortIdle = { ...admin.auth, sessionIdleMs: 1000 };
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // In use, it outlives its idle time: each request moves last-seen forward.
    for (let i = 0; i < 5; i++) {
      expect(await resolveSession(admin.db, shortIdle, createPrincipalCache(), token)).not.toBeNull();
      await sleep(400);
    }
    await sleep(1100);
    expect(await resolveSession(admin.db, shortIdle, createPrincipalCache(), token)).toBeNull();
    // The session row is gone: a longer idle time does not bring it back.
    expect(await resolveSession(admin.db, admin.auth, createPrincipalCache(), token)).toBeNull();
  });
});
