import type pg from "pg";
import { PRISMA_MIGRATE_LOCK } from "./migrate-lock";

export class AppRoleError extends Error {
  override name = "AppRoleError";
}

/** The role a database URL connects as, and its password (both may be empty). */
function credentialsOf(databaseUrl: string) {
  const url = new URL(databaseUrl);
  return { role: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
}

/**
 * Makes sure the role of `appUrl` (web and worker) exists and is not the owner's role nor a superuser, which could
 * disable the audit log's trigger. A missing role is created with the URL's password when the owner may create roles.
 */
export async function ensureAppRole(owner: pg.Client, appUrl: string): Promise<string> {
  const { role, password } = credentialsOf(appUrl);
  if (!role) throw new AppRoleError("DATABASE_URL names no user: give the role web and worker connect as.");
  const { rows } = await owner.query<{ current_user: string; exists: boolean; super: boolean }>(
    "SELECT current_user, r.rolname IS NOT NULL AS exists, coalesce(r.rolsuper, false) AS super FROM (SELECT 1) one LEFT JOIN pg_roles r ON r.rolname = $1",
    [role],
  );
  const [me] = rows;
  if (me?.current_user === role) {
    throw new AppRoleError(
      `DATABASE_URL and DATABASE_OWNER_URL both connect as ${role}: web and worker need a role of their own that does not own the tables, or anyone holding DATABASE_URL can rewrite the audit log.`,
    );
  }
  if (me?.super)
    throw new AppRoleError(`DATABASE_URL connects as ${role}, a superuser: give web and worker a plain role.`);
  if (!me?.exists) await createRole(owner, role, password);
  return role;
}

async function createRole(owner: pg.Client, role: string, password: string) {
  const withPassword = password ? ` PASSWORD ${owner.escapeLiteral(password)}` : "";
  try {
    await owner.query(`CREATE ROLE ${owner.escapeIdentifier(role)} LOGIN${withPassword}`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    // Another migrator created it at the same moment.
    if (code === "42710" || code === "23505") return;
    throw new AppRoleError(
      `Role ${role} of DATABASE_URL does not exist and the owner role cannot create it (${(error as Error).message}): create it with LOGIN and a password first.`,
    );
  }
}

/**
 * Gives `role` what web and worker need, and no more: rows of every table, the sequences, and on `audit_log` only
 * SELECT and INSERT (not its owner either, so it cannot disable the append-only trigger). Runs after every migration,
 * so tables added later get the same grants; idempotent.
 */
export async function grantAppRole(owner: pg.Client, role: string): Promise<void> {
  const app = owner.escapeIdentifier(role);
  await owner.query("BEGIN");
  try {
    // Never beside a migration, nor beside another bootstrap granting the same objects.
    await owner.query("SELECT pg_advisory_xact_lock($1)", [PRISMA_MIGRATE_LOCK]);
    const { rows } = await owner.query<{ db: string }>("SELECT current_database() AS db");
    await owner.query(`GRANT CONNECT ON DATABASE ${owner.escapeIdentifier(rows[0]?.db ?? "")} TO ${app}`);
    await owner.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
    await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
    await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
    await owner.query(`REVOKE ALL ON "_prisma_migrations" FROM ${app}`);
    await owner.query(`REVOKE ALL ON "audit_log" FROM ${app}`);
    await owner.query(`GRANT SELECT, INSERT ON "audit_log" TO ${app}`);
    const owns = await owner.query<{ owns: boolean }>(
      `SELECT pg_has_role($1, relowner, 'MEMBER') AS owns FROM pg_class WHERE oid = '"audit_log"'::regclass`,
      [role],
    );
    if (owns.rows[0]?.owns) {
      throw new AppRoleError(
        `DATABASE_URL's role ${role} owns audit_log, or is a member of the role that does: make the role of DATABASE_OWNER_URL its owner (ALTER TABLE … OWNER TO, or REASSIGN OWNED BY ${role} TO …).`,
      );
    }
    await owner.query("COMMIT");
  } catch (error) {
    await owner.query("ROLLBACK");
    throw error;
  }
}
