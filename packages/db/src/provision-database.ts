import pg from "pg";

/** Serialises role changes of concurrent provisioners (test files start together); advisory locks are per database. */
const ROLE_LOCK = 0x726f6c65; // "role"

/**
 * For `npm run quickstart` and the tests, on a server where `serverUrl`'s role may create databases and roles: creates
 * `database` when missing, and the app role (LOGIN, `password`, set again each time). Returns the URL of the owner
 * (the server's role, which migrates) and of the app role, for web and worker: over TCP, since a role with a password
 * cannot use the Unix socket's peer authentication.
 */
export async function provisionDatabase(
  serverUrl: string,
  database: string,
  app: { role: string; password: string },
): Promise<{ ownerUrl: string; appUrl: string }> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  let port: string;
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!found.rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    await client.query("SELECT pg_advisory_lock($1)", [ROLE_LOCK]);
    const role = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [app.role]);
    const verb = role.rowCount ? "ALTER" : "CREATE";
    await client.query(
      `${verb} ROLE ${client.escapeIdentifier(app.role)} LOGIN PASSWORD ${client.escapeLiteral(app.password)}`,
    );
    port = (await client.query<{ port: string }>("SHOW port")).rows[0]?.port ?? "5432";
  } finally {
    await client.end();
  }
  const ownerUrl = new URL(serverUrl);
  ownerUrl.pathname = `/${database}`;
  const appUrl = new URL(ownerUrl);
  if (appUrl.searchParams.has("host") || !appUrl.hostname) {
    appUrl.searchParams.delete("host");
    appUrl.hostname = "127.0.0.1";
    appUrl.port = port;
  }
  appUrl.username = app.role;
  appUrl.password = app.password;
  return { ownerUrl: ownerUrl.toString(), appUrl: appUrl.toString() };
}
