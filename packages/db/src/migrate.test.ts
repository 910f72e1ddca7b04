import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrate } from "./migrate";

// Each case migrates its own fresh database on the test server, with migrations written to a temp folder.
const serverUrl = new URL(inject("databaseUrl"));
let admin: pg.Client;
const created: string[] = [];

beforeAll(async () => {
  admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
});
afterAll(async () => {
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
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
