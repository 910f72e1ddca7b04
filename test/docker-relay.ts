import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface EngineCall {
  method: string;
  /** The path without the API version prefix and the query: `/services`, `/tasks`, `/events`. */
  path: string;
  /** The query, decoded: the filters say what was asked for. */
  query: string;
  at: number;
}

const REQUEST_LINE = /(?:^|\r\n)(GET|HEAD|POST|PUT|DELETE) (\/[^ ?]*)(\?[^ ]*)? HTTP\/1\.[01]\r\n/g;

/**
 * A unix-socket relay in front of the engine at `dockerHost` (unix:///path) that records every Engine API request
 * passing through it: `dockerHost` is the same engine through the relay. It counts what a Berth process asks Docker
 * for, without touching Berth's code.
 */
export async function startDockerRelay(target: string) {
  const targetPath = new URL(target).pathname;
  const dir = mkdtempSync(path.join(tmpdir(), "berth-docker-relay-"));
  const socketPath = path.join(dir, "docker.sock");
  const calls: EngineCall[] = [];
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    const upstream = connect(targetPath);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    client.on("data", (chunk: Buffer) => {
      for (const [, method = "", url = "", query = ""] of chunk.toString("latin1").matchAll(REQUEST_LINE)) {
        const path = url.replace(/^\/v\d+\.\d+/, "");
        calls.push({ method, path, query: decodeURIComponent(query), at: Date.now() });
      }
    });
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(socketPath, resolve));
  return {
    dockerHost: `unix://${socketPath}`,
    /** Every request so far, or those since `since` (a time from Date.now()). */
    calls: (since = 0) => calls.filter((c) => c.at >= since),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
