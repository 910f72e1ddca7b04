import { createServer } from "node:net";
import { describe, expect, inject, it } from "vitest";
import { checkDatabase } from "./check-database";

/** A port on loopback that nothing listens on: bound, read, then released. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("checkDatabase", () => {
  it("answers for the test database", async () => {
    await expect(checkDatabase(inject("databaseUrl"))).resolves.toBeUndefined();
  });

  it("names the host and port when Postgres does not answer there", async () => {
    const port = await closedPort();
    await expect(checkDatabase(`postgresql://berth@127.0.0.1:${port}/berth`)).rejects.toThrow(
      new RegExp(`^Postgres is unreachable at 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`),
    );
  });
});
