/**
 * Runs once when the server starts: requests are stamped with their socket's address (lib/peer-address.ts), and a
 * missing or malformed variable stops start-up with one sentence naming it. A Postgres or Docker that does not answer
 * does not: it is said in the log, and requests answer 503 (pages show a banner) until it is back. The process also
 * gets its safety net and its graceful shutdown here (lib/safety-net.ts, lib/shutdown.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("./lib/peer-address")).stampPeerAddresses();
  const { loadConfig } = await import("@berth/config");
  const { checkDatabase } = await import("@berth/db");
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const { log } = (await import("./lib/server")).server();
  (await import("./lib/safety-net")).exitOnUnexpectedErrors(log);
  (await import("./lib/shutdown")).shutDownGracefullyOnSignals(log);
  await checkDatabase(config.DATABASE_URL).catch((error: Error) => {
    console.error(`${error.message}; Berth answers 503 until it is back.`);
  });
}
