import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { AppRoleError, ensureAppRole, grantAppRole } from "./grant-app-role";
import { PRISMA_MIGRATE_LOCK } from "./migrate-lock";

/** Prisma's own bookkeeping table, created exactly as Prisma Migrate creates it. */
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The repository's prisma/migrations, found upwards from this file (its source, or the worker's bundle). */
function findMigrationsDir(from = import.meta.dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "prisma", "migrations");
    if (existsSync(candidate)) return candidate;
    if (dir === path.dirname(dir)) throw new MigrationError(`No prisma/migrations folder above ${from}.`);
  }
}

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

async function readMigrations(dir: string): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  return Promise.all(
    names.sort().map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

/**
 * Applies every migration in `dir` not yet recorded in `_prisma_migrations`, each in its own transaction, under
 * Prisma's advisory lock so that replicas starting together never race. Returns the names it applied.
 */
export async function migrate(databaseUrl: string, dir = findMigrationsDir()): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const recorded = new Map(rows.map((r) => [r.migration_name, r]));
    const applied: string[] = [];
    for (const m of migrations) {
      const row = recorded.get(m.name);
      if (row && !row.finished_at) {
        throw new MigrationError(`Migration ${m.name} is recorded as started but never finished; resolve it first.`);
      }
      if (row && row.checksum !== m.checksum) {
        throw new MigrationError(`Migration ${m.name} was changed after it was applied; restore the original file.`);
      }
      if (row) continue;
      await applyOne(client, m);
      applied.push(m.name);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]).catch(() => undefined);
    await client.end();
  }
}

/**
 * What the bootstrap and `npm run db:migrate` do: as the owner role (`ownerUrl`), checks that the role of `appUrl` is
 * another one (creating it when missing), migrates, then grants that role exactly what web and worker need.
 */
export async function migrateForApp(
  ownerUrl: string | undefined,
  appUrl: string,
  dir = findMigrationsDir(),
): Promise<string[]> {
  if (!ownerUrl) throw new AppRoleError("Environment variable DATABASE_OWNER_URL is not set.");
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const role = await ensureAppRole(owner, appUrl);
    const applied = await migrate(ownerUrl, dir);
    await grantAppRole(owner, role);
    return applied;
  } finally {
    await owner.end();
  }
}

async function applyOne(client: pg.Client, m: Migration): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query(m.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
      [randomUUID(), m.checksum, m.name],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw new MigrationError(`Migration ${m.name} failed and was rolled back: ${(error as Error).message}`);
  }
}
