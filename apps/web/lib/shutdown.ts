import { subscribe } from "node:diagnostics_channel";
import type { Server, ServerResponse } from "node:http";
import type pino from "pino";

/** Within docker-compose.yml's stop_grace_period for web (10 s): what still hangs then is cut, and the exit says so. */
const SHUTDOWN_MS = 8_000;

// Instrumentation and each route are bundled apart, each with its own copy of this module: the state is the process's.
const STATE = Symbol.for("berth.shutdown");
const global = globalThis as { [STATE]?: { stopping: boolean; listeners: Set<() => void> } };
global[STATE] ??= { stopping: false, listeners: new Set() };
const state = global[STATE];

/**
 * Calls `listener` when the process starts shutting down (right after this returns if it has), for what holds a
 * response open until told to end it (event streams). Returns the function that stops listening.
 */
export function onShutdown(listener: () => void): () => void {
  if (state.stopping) {
    queueMicrotask(listener);
    return () => {};
  }
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}

/**
 * Once per process, at start-up (instrumentation.ts). On SIGTERM or SIGINT: no new connections, requests in flight get
 * their answers, event streams are told to reconnect (to the next process), then exit 0; exit 1 if something still
 * hangs after 8 s. Unless NEXT_MANUAL_SIG_HANDLE is set (read before this runs), Next.js handles the signals too: it
 * waits for every connection, with no limit, and exits 143.
 */
export function shutDownGracefullyOnSignals(log: pino.Logger) {
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) {
    log.warn("NEXT_MANUAL_SIG_HANDLE is not set: Next.js handles SIGTERM and SIGINT as well as Berth");
  }
  // Next.js hands out no http.Server: each request names the one it came in on.
  let server: Server | undefined;
  const inFlight = new Set<ServerResponse>();
  // Node keeps a connection alive after its answer even while the server closes, and counts a connection that has
  // not sent a request yet (a browser's preconnection) as busy: close the idle ones as answers end, and all that are
  // left once no request is in flight.
  const closeConnectionsLeft = () => {
    if (inFlight.size === 0) server?.closeAllConnections();
    else server?.closeIdleConnections();
  };
  subscribe("http.server.request.start", (message) => {
    const { server: receiving, response } = message as { server: Server; response: ServerResponse };
    server = receiving;
    // A request on a connection kept alive is still answered, and tells the client the connection ends with it.
    if (state.stopping) response.setHeader("connection", "close");
    inFlight.add(response);
    response.once("close", () => {
      inFlight.delete(response);
      if (state.stopping) closeConnectionsLeft();
    });
  });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (state.stopping) return;
      state.stopping = true;
      log.info({ signal }, "shutting down: no new connections; requests in flight finish, event streams end");
      setTimeout(() => {
        log.warn(`connections still open after ${SHUTDOWN_MS / 1000} s; exiting`);
        process.exit(1);
      }, SHUTDOWN_MS).unref();
      const exit = () => {
        log.info("shut down");
        process.exit(0);
      };
      // No request came yet, so none is in flight.
      if (!server) return exit();
      server.close(exit);
      for (const listener of state.listeners) listener();
      state.listeners.clear();
      closeConnectionsLeft();
    });
  }
}
