import { createDb, type Db, Prisma } from "@berth/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toAppError } from "./errors";
import { ownDatabase } from "./test-context";

describe("toAppError", () => {
  // The error Prisma threw in drill 1 (test/drills/postgres-restarted.test.ts) while Postgres restarted: its cause
  // names Postgres's code but no address, and that was answered 500.
  it("answers 503 naming Postgres when Postgres says it is starting up or shutting down, without an address", () => {
    const error = new Prisma.PrismaClientKnownRequestError("Database error. Code: `57P03`.", {
      code: "P2039",
      clientVersion: Prisma.prismaVersion.client,
      meta: { driverAdapterError: { cause: { kind: "postgres", code: "57P03", originalCode: "57P03" } } },
    });
    expect(toAppError(error)).toMatchObject({
      code: "unavailable",
      message: "Postgres is unreachable; try again in a moment.",
    });
  });
});

// Postgres's answer when the disk under its data is full, raised by a trigger of the test's own database: the disk
// itself is filled for real in drill 6 (test/drills/postgres-disk-full.test.ts); here both Prisma paths that carry the
// answer (a model query, a raw query inside a transaction) are checked against a real Postgres. pg's own error, which
// only packages/db sees, is checked in packages/db/src/database-out-of-resources.test.ts.
describe("toAppError, when the disk under Postgres is full", () => {
  const couldNotExtend = 'could not extend file "base/16384/16386": No space left on device';
  let own: Awaited<ReturnType<typeof ownDatabase>>;
  let owner: Db;
  let db: Db;
  beforeAll(async () => {
    own = await ownDatabase();
    db = own.db;
    owner = createDb(own.ownerUrl);
    await owner.$executeRawUnsafe(`CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        RAISE EXCEPTION '${couldNotExtend}' USING ERRCODE = 'disk_full', HINT = 'Check free disk space.';
      END $$`);
    await owner.$executeRawUnsafe(
      "CREATE TRIGGER disk_full BEFORE INSERT ON tenants FOR EACH ROW EXECUTE FUNCTION disk_full()",
    );
  });
  afterAll(async () => {
    await owner?.$disconnect();
    await own?.drop();
  });
  const insertTenant = "INSERT INTO tenants (id, slug, name) VALUES (gen_random_uuid(), 'full', 'Full')";
  const refusals = {
    "a Prisma model query": () => db.tenant.create({ data: { slug: "full", name: "Full" } }),
    "a raw query in a transaction": () => db.$transaction((tx) => tx.$executeRawUnsafe(insertTenant)),
  };

  for (const [path, refused] of Object.entries(refusals)) {
    it(`answers 503 saying the database has no space left, through ${path}`, async () => {
      const error = await refused().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).not.toBeNull();
      expect(toAppError(error)).toMatchObject({
        code: "unavailable",
        status: 503,
        message:
          "The database has no space left to write; nothing was changed. Reads still work; an administrator must free disk space.",
        extra: { detailedMessage: expect.stringContaining(`Postgres said: ${couldNotExtend}`) },
      });
    });
  }

  it("answers 503 for the other insufficient resources, and too many connections still as unreachable", () => {
    const answered = (code: string) => toAppError(Object.assign(new Error("refused"), { code }))?.message;
    expect(answered("53200")).toMatch(/^The database ran out of memory or another resource; nothing was changed/);
    expect(answered("53300")).toBe("Postgres is unreachable; try again in a moment.");
    expect(answered("23505")).toBeUndefined();
  });
});
