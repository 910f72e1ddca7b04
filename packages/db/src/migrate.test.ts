import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrate, migrateForApp } from "./migrate";

// Each case migrates its own fresh database on the test server, with migrations written to a temp folder.
const serverUrl = new URL(inject("ownerDatabaseUrl"));
let admin: pg.Client;
const created: string[] = [];
const roles: string[] = [];

beforeAll(async () => {
  admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
});
afterAll(async () => {
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  for (const role of roles) await admin.query(`DROP ROLE IF EXISTS "${role}"`);
  await admin.end();
});

async function freshDatabase(): Promise<string> {
  const name = `${serverUrl.pathname.slice(1)}_m${created.length}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  created.push(name);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "berth-migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migrate", () => {
  it("records each migration in _prisma_migrations the way Prisma does, and applies it only once", async () => {
    const url = await freshDatabase();
    const sql = "CREATE TABLE a (id int);";
    const dir = await migrationsDir({ "20260101000000_a": sql, "20260102000000_b": "CREATE TABLE b (id int);" });

    expect(await migrate(url, dir)).toEqual(["20260101000000_a", "20260102000000_b"]);
    expect(await migrate(url, dir)).toEqual([]);

    const rows = await query(url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      migration_name: "20260101000000_a",
      applied_steps_count: 1,
      rolled_back_at: null,
      logs: null,
    });
    expect(rows[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(rows[0].finished_at.getTime()).toBeGreaterThanOrEqual(rows[0].started_at.getTime());
  });

  it("stores sha256 of the file as the checksum, as Prisma does", async () => {
    const url = await freshDatabase();
    const dir = await migrationsDir({ "20260101000000_a": "SELECT 1;" });
    await migrate(url, dir);
    const [row] = await query(url, `SELECT checksum FROM "_prisma_migrations"`);
    // printf 'SELECT 1;' | sha256sum
    expect(row.checksum).toBe("17db4fd369edb9244b9f91d9aeed145c3d04ad8ba6e95d06247f07a63527d11a");
  });

  it("rolls a failing migration back completely and records nothing for it", async () => {
    const url = await freshDatabase();
    const dir = await migrationsDir({
      "20260101000000_ok": "CREATE TABLE ok (id int);",
      "20260102000000_bad": "CREATE TABLE half (id int); SELECT no_such_function();",
    });
    await expect(migrate(url, dir)).rejects.toThrow(/Migration 20260102000000_bad failed and was rolled back/);
    const tables = await query(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    expect(tables.map((t) => t.tablename)).toEqual(["_prisma_migrations", "ok"]);
    const names = await query(url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(names.map((n) => n.migration_name)).toEqual(["20260101000000_ok"]);
  });

  it("refuses to go on when an applied migration's file was edited", async () => {
    const url = await freshDatabase();
    await migrate(url, await migrationsDir({ "20260101000000_a": "CREATE TABLE a (id int);" }));
    const edited = await migrationsDir({ "20260101000000_a": "CREATE TABLE a (id bigint);" });
    await expect(migrate(url, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it("lets replicas that start together apply each migration exactly once", async () => {
    const url = await freshDatabase();
    const dir = await migrationsDir({ "20260101000000_a": "CREATE TABLE a (id int);" });
    const results = await Promise.all([migrate(url, dir), migrate(url, dir), migrate(url, dir)]);
    expect(results.flat()).toEqual(["20260101000000_a"]);
  });
});

describe("migrateForApp", () => {
  /** `url` as a role of its own, which does not exist yet. */
  const asNewRole = (url: string) => {
    const app = new URL(url);
    app.username = `${serverUrl.pathname.slice(1)}_r${roles.length}`;
    app.password = "app-password";
    roles.push(app.username);
    return app.toString();
  };
  const may = async (url: string, role: string, table: string, privilege: string) =>
    (await query(url, `SELECT has_table_privilege('${role}', '${table}', '${privilege}') AS may`))[0].may;

  it("creates the app role, and grants it the rows of every table, later ones too, and of audit_log only SELECT and INSERT", async () => {
    const url = await freshDatabase();
    const app = asNewRole(url);
    const role = new URL(app).username;
    const first = { "20260101000000_a": "CREATE TABLE audit_log (id serial); CREATE TABLE a (id int);" };
    expect(await migrateForApp(url, app, await migrationsDir(first))).toEqual(["20260101000000_a"]);
    const later = await migrationsDir({ ...first, "20260102000000_b": "CREATE TABLE b (id int);" });
    expect(await migrateForApp(url, app, later)).toEqual(["20260102000000_b"]);

    for (const table of ["a", "b"]) {
      for (const privilege of ["SELECT", "INSERT", "UPDATE", "DELETE"])
        expect(await may(url, role, table, privilege)).toBe(true);
    }
    expect(await may(url, role, "audit_log", "SELECT")).toBe(true);
    expect(await may(url, role, "audit_log", "INSERT")).toBe(true);
    for (const privilege of ["UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES"]) {
      expect(await may(url, role, "audit_log", privilege)).toBe(false);
    }
    expect(await may(url, role, "_prisma_migrations", "SELECT")).toBe(false);
    // It appends to the log through the sequence (as the role, without depending on how the server authenticates).
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`SET ROLE "${role}"`);
    expect((await client.query("INSERT INTO audit_log DEFAULT VALUES RETURNING id")).rows).toEqual([{ id: 1 }]);
    await client.end();
  });

  it("refuses an app role that is the owner's, or a superuser", async () => {
    const url = await freshDatabase();
    const dir = await migrationsDir({ "20260101000000_a": "CREATE TABLE audit_log (id int);" });
    await expect(migrateForApp(url, url, dir)).rejects.toThrow(
      `DATABASE_URL and DATABASE_OWNER_URL both connect as ${new URL(url).username}: web and worker need a role of their own`,
    );
    const superuser = asNewRole(url);
    await admin.query(`CREATE ROLE "${new URL(superuser).username}" SUPERUSER LOGIN`);
    await expect(migrateForApp(url, superuser, dir)).rejects.toThrow(/a superuser: give web and worker a plain role/);
    await expect(migrateForApp(undefined, url, dir)).rejects.toThrow(
      "Environment variable DATABASE_OWNER_URL is not set.",
    );
    expect(await query(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).toEqual([]);
  });

  it("refuses an app role that owns audit_log, as a database migrated before there were two roles has it", async () => {
    const url = await freshDatabase();
    const dir = await migrationsDir({ "20260101000000_a": "CREATE TABLE audit_log (id int);" });
    const former = asNewRole(url);
    const role = new URL(former).username;
    await admin.query(`CREATE ROLE "${role}" LOGIN`);
    await migrate(url, dir);
    await query(url, `ALTER TABLE audit_log OWNER TO "${role}"`);
    await expect(migrateForApp(url, former, dir)).rejects.toThrow(
      `DATABASE_URL's role ${role} owns audit_log, or is a member of the role that does`,
    );
  });
});
