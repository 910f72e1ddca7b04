import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { createDb } from "./client";
import { databaseUnreachableAt } from "./database-unreachable";

describe("databaseUnreachableAt", () => {
  it("names the address of a Postgres that refuses connections, as Prisma reports it", async () => {
    const db = createDb("postgresql://postgres@127.0.0.1:1/nothing");
    const error = await db.user.count().catch((e: unknown) => e);
    expect(databaseUnreachableAt(error)).toBe("127.0.0.1:1");
    await db.$disconnect();
  });

  // What failed drill 1 once (test/drills/postgres-restarted.test.ts) with a 500: a transaction's next statement on a
  // connection the restart had cut.
  it("knows pg's answer for a query on a client whose connection Postgres cut", async () => {
    const client = new pg.Client({ connectionString: inject("ownerDatabaseUrl") });
    const lost = new Promise((resolve) => client.on("error", resolve));
    await client.connect();
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const terminator = new pg.Client({ connectionString: inject("ownerDatabaseUrl") });
    await terminator.connect();
    await terminator.query("SELECT pg_terminate_backend($1)", [rows[0]?.pid]).finally(() => terminator.end());
    await lost;
    const error = await client.query("SELECT 1").catch((e: unknown) => e);
    expect(error).toHaveProperty("message", "Client has encountered a connection error and is not queryable");
    expect(databaseUnreachableAt(error)).toBe("");
    await client.end().catch(() => undefined);
  });

  it("knows Postgres's own shutdown and connection codes, and nothing else", () => {
    expect(
      databaseUnreachableAt({ code: "57P01", message: "terminating connection due to administrator command" }),
    ).toBe("");
    expect(databaseUnreachableAt({ code: "08006" })).toBe("");
    expect(databaseUnreachableAt(new Error("Connection terminated unexpectedly"))).toBe("");
    expect(databaseUnreachableAt({ code: "23505", message: "duplicate key" })).toBeNull();
    expect(databaseUnreachableAt(new Error("boom"))).toBeNull();
    expect(databaseUnreachableAt(null)).toBeNull();
  });
});
