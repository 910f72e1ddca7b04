/**
 * Runs once when the server starts: requests are stamped with their socket's address (lib/peer-address.ts), and a
 * missing or malformed variable, or an unreachable Postgres, stops start-up with one sentence naming it. (An
 * unreachable Docker does not: pages say so in a banner until it is back.)
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("./lib/peer-address")).stampPeerAddresses();
  const { loadConfig } = await import("@berth/config");
  const { checkDatabase } = await import("@berth/db");
  try {
    await checkDatabase(loadConfig().DATABASE_URL);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
