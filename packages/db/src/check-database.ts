import pg from "pg";

export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
}

/** Where a database URL points, for messages: host:port, or the socket directory. */
export function databaseAddress(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return url.host || url.searchParams.get("host") || "localhost";
}

/** Answers when Postgres accepts a connection; otherwise throws a DatabaseUnavailableError naming the address. */
export async function checkDatabase(databaseUrl: string, timeoutMs = 3000): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const reason = (error as Error).message || (error as { code?: string }).code || "no answer";
    throw new DatabaseUnavailableError(`Postgres is unreachable at ${databaseAddress(databaseUrl)}: ${reason}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
