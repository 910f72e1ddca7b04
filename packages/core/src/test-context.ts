import { randomBytes } from "node:crypto";
import { loadConfig } from "@berth/config";
import { createDb } from "@berth/db";
import { createDocker, createSwarmSnapshot, type SwarmSnapshot } from "@berth/docker";
import type { Principal, TenantRole } from "@berth/policy";
import { inject } from "vitest";
import { createTestDatabase } from "../../../test/test-env";
import { authSettingsFrom } from "./auth/auth-settings";
import type { Context } from "./context";
import { fenceSettingsFrom } from "./projects/fence-settings";

/** The configuration's defaults (no LDAP). */
export const testAuthSettings = authSettingsFrom(
  loadConfig({ DATABASE_URL: "postgresql://unused/unused", BERTH_SECRET_KEY: Buffer.alloc(32).toString("base64") }),
);

/** The defaults: host ports 30000-32767, tasks placed anywhere (the test swarm's one node is a manager). */
export const testFenceSettings = fenceSettingsFrom(loadConfig({}, ["BERTH_PUBLISHED_PORTS", "BERTH_TENANT_PLACEMENT"]));

let swarm: SwarmSnapshot | undefined;

/** For integration tests: a Context on the test run's database and Swarm, acting as a fresh admin user. */
export async function adminContext(): Promise<Context> {
  const db = createDb(inject("databaseUrl"));
  const email = `admin-${randomBytes(4).toString("hex")}@berth.test`;
  const user = await db.user.create({ data: { email, passwordHash: "unused", platformRole: "admin" } });
  const principal: Principal = { kind: "user", userId: user.id, email, platformRole: "admin", memberships: [] };
  const dockerHost = inject("dockerHost");
  const docker = createDocker(dockerHost);
  swarm ??= createSwarmSnapshot(docker, createDocker(dockerHost, { streaming: true }));
  return {
    db,
    docker,
    swarm,
    principal,
    request: { requestId: "test" },
    auth: testAuthSettings,
    fence: testFenceSettings,
    instance: inject("berthInstance"),
  };
}

/**
 * `ctx` acting as a user with one role in one tenant, and none elsewhere; the user id is `ctx`'s own, so that what it
 * writes to the audit log names a real user.
 */
export function asMember(ctx: Context, tenantId: string, role: TenantRole): Context {
  const userId = ctx.principal.kind === "user" ? ctx.principal.userId : "";
  const email = `${role}-${randomBytes(3).toString("hex")}@berth.test`;
  return { ...ctx, principal: { kind: "user", userId, email, platformRole: null, memberships: [{ tenantId, role }] } };
}

/**
 * A database of the test file's own, for tests that need the whole of it (tampering, counting every admin): `db` as
 * the app role, as web and worker connect; `ownerUrl` as the owner role, for what only the owner may do.
 */
export async function ownDatabase() {
  const server = new URL(inject("ownerDatabaseUrl"));
  server.pathname = "/postgres";
  const created = await createTestDatabase(server.toString());
  const db = createDb(created.url);
  return {
    db,
    appRole: new URL(created.url).username,
    ownerUrl: created.ownerUrl,
    drop: async () => {
      await db.$disconnect();
      await created.drop();
    },
  };
}

/** A tenant slug no other test uses. */
export const uniqueSlug = (prefix: string) => `${prefix}-${randomBytes(3).toString("hex")}`;
