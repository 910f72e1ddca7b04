import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { databaseOutOfResources } from "./database-out-of-resources";

describe("databaseOutOfResources", () => {
  // Postgres's answer when the disk under its data is full, raised for real by a real Postgres (the disk itself is
  // filled in drill 6, test/drills/postgres-disk-full.test.ts), as pg reports it; Prisma's are in core's errors.test.ts.
  it("gives Postgres's code and message when it says the disk is full, as pg reports it", async () => {
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    const error = await client
      .query(`DO $$ BEGIN
          RAISE EXCEPTION 'could not extend file "base/1/2": No space left on device' USING ERRCODE = 'disk_full';
        END $$`)
      .catch((e: unknown) => e)
      .finally(() => client.end());
    expect(databaseOutOfResources(error)).toEqual({
      code: "53100",
      message: 'could not extend file "base/1/2": No space left on device',
    });
  });

  it("leaves other answers, and too many connections, to others", () => {
    expect(databaseOutOfResources({ code: "53300", message: "sorry, too many clients already" })).toBeNull();
    expect(databaseOutOfResources({ code: "23505", message: "duplicate key" })).toBeNull();
    expect(databaseOutOfResources(new Error("boom"))).toBeNull();
    expect(databaseOutOfResources(null)).toBeNull();
  });
});
