import { describe, expect, it } from "vitest";
import { createDb } from "./client";
import { databaseUnreachableAt } from "./database-unreachable";

describe("databaseUnreachableAt", () => {
  it("names the address of a Postgres that refuses connections, as Prisma reports it", async () => {
    const db = createDb("postgresql://postgres@127.0.0.1:1/nothing");
    const error = await db.user.count().catch((e: unknown) => e);
    expect(databaseUnreachableAt(error)).toBe("127.0.0.1:1");
    await db.$disconnect();
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
