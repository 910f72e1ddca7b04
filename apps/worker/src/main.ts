import { loadConfig } from "@berth/config";
import { fenceSettingsFrom } from "@berth/core";
import { checkDatabase, createDb } from "@berth/db";
import { createDocker } from "@berth/docker";
import pino from "pino";
import { runReconcileLoop } from "./reconcile-loop";

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
  await checkDatabase(config.DATABASE_URL);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const log = pino({ level: config.LOG_LEVEL, base: { process: "worker" } });
const db = createDb(config.DATABASE_URL);
const docker = createDocker(config.DOCKER_HOST);
const stop = new AbortController();
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => stop.abort());

log.info({ dockerHost: config.DOCKER_HOST }, "worker starting");
try {
  await runReconcileLoop(
    { db, docker, fence: fenceSettingsFrom(config), databaseUrl: config.DATABASE_URL, log },
    stop.signal,
  );
} catch (error) {
  log.fatal({ err: (error as Error).message }, "worker stopped");
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
