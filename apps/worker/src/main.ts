import { loadConfig } from "@berth/config";
import { fenceSettingsFrom } from "@berth/core";
import { checkDatabase, createDb } from "@berth/db";
import { createDocker } from "@berth/docker";
import pino from "pino";
import { runReconcileLoop } from "./reconcile-loop";

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const log = pino({ level: config.LOG_LEVEL, base: { process: "worker" } });
// Only a bad configuration stops start-up: a Postgres that does not answer yet (the stack is starting, the database
// restarts) is waited for, every second at first, then up to every 30 s.
for (let delay = 1_000; ; delay = Math.min(delay * 2, 30_000)) {
  const problem = await checkDatabase(config.DATABASE_URL).then(
    () => null,
    (error: Error) => error.message,
  );
  if (!problem) break;
  log.warn(`${problem}; trying again in ${delay / 1000} s`);
  await new Promise((resolve) => setTimeout(resolve, delay));
}
const db = createDb(config.DATABASE_URL);
const docker = createDocker(config.DOCKER_HOST);
/** Within docker-compose.yml's stop_grace_period (10 s): the pass in flight finishes, or the process exits anyway. */
const SHUTDOWN_MS = 8_000;
const stop = new AbortController();
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    log.info({ signal }, "stopping after the reconcile pass in flight");
    stop.abort();
    setTimeout(() => {
      log.warn("the pass in flight did not finish in time; exiting");
      process.exit(1);
    }, SHUTDOWN_MS).unref();
  });
}
// The safety net: what no code handles is a bug, logged, and the process exits for its supervisor (Swarm, the
// quickstart) to start it again. A dependency going away never gets here: each client handles its own failures.
for (const event of ["unhandledRejection", "uncaughtException"] as const) {
  process.on(event, (error) => {
    log.fatal({ err: error, event }, "unexpected error; exiting");
    process.exit(1);
  });
}

log.info({ dockerHost: config.DOCKER_HOST }, "worker starting");
try {
  await runReconcileLoop(
    {
      db,
      docker,
      fence: fenceSettingsFrom(config),
      instance: config.BERTH_INSTANCE,
      databaseUrl: config.DATABASE_URL,
      log,
    },
    stop.signal,
  );
} catch (error) {
  log.fatal({ err: (error as Error).message }, "worker stopped");
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
