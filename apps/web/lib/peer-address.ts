import { randomUUID } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/**
 * Next.js hands route handlers no socket, and keeps an X-Forwarded-For a client sent. So each request is stamped,
 * as Node's HTTP server receives it, with its socket's address, under a header name made at start-up that no client
 * can know (a client-sent header of that name would be overwritten anyway).
 */
const HEADER = Symbol.for("berth.peerAddressHeader");
const global = globalThis as { [HEADER]?: string };

/** Once per process, at start-up (instrumentation.ts). */
export function stampPeerAddresses() {
  if (global[HEADER]) return;
  const name = `x-berth-peer-${randomUUID()}`;
  global[HEADER] = name;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[name] = socket.remoteAddress ?? "";
  });
}

/** The address of the socket a request came in on; undefined for a request received before start-up finished. */
export function peerAddress(headers: Headers): string | undefined {
  const name = global[HEADER];
  return (name && headers.get(name)) || undefined;
}
