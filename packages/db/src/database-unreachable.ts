import { postgresCauses } from "./postgres-causes";

/** What Prisma's driver adapter calls a lost or refused connection. */
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/** Postgres's own codes for "not now": shutting down, starting up, too many clients, and the connection classes. */
const UNAVAILABLE_CODE = /^(57P0[1-3]|53300|08...)$/;
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EHOSTUNREACH", "EPIPE"]);
/**
 * pg's code-less errors for a connection lost: under a query, and for a query on a client whose connection was lost
 * before it (a transaction's, when Postgres restarts between two of its statements).
 */
const LOST_CONNECTION_MESSAGES = new Set([
  "Connection terminated unexpectedly",
  "Client has encountered a connection error and is not queryable",
]);

/**
 * When `error` says Postgres could not be reached or dropped the connection (through Prisma, its adapter or pg):
 * where it was looked for, as `host:port` (or "" when the error does not say); otherwise null.
 */
export function databaseUnreachableAt(error: unknown): string | null {
  for (const candidate of postgresCauses(error)) {
    const unreachable =
      (candidate.kind !== undefined && UNREACHABLE_KINDS.has(candidate.kind)) ||
      (candidate.code !== undefined && (UNAVAILABLE_CODE.test(candidate.code) || SOCKET_CODES.has(candidate.code))) ||
      (candidate.message !== undefined && LOST_CONNECTION_MESSAGES.has(candidate.message));
    if (unreachable) {
      const host = candidate.host ?? candidate.address;
      return host ? (candidate.port ? `${host}:${candidate.port}` : host) : "";
    }
  }
  return null;
}
