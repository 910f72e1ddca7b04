import type pino from "pino";

/**
 * Once per process, at start-up (instrumentation.ts). What no code handles is a bug: logged, and the process exits for
 * its supervisor (Swarm, the quickstart) to start it again. A dependency going away never gets here: each client
 * handles its own failures, and requests answer 503. Next.js adds listeners of its own that only log and keep the
 * process up; these run beside them.
 */
export function exitOnUnexpectedErrors(log: pino.Logger) {
  for (const event of ["unhandledRejection", "uncaughtException"] as const) {
    process.on(event, (error) => {
      log.fatal({ err: error, event }, "unexpected error; exiting");
      process.exit(1);
    });
  }
}
