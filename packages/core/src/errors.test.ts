import { Prisma } from "@berth/db";
import { describe, expect, it } from "vitest";
import { toAppError } from "./errors";

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
