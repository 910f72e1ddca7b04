import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP relay in front of the Postgres of `databaseUrl`: `url` is the same database through the relay. `close()`
 * refuses connections for real, as a stopped Postgres does, and `open()` listens again on the same port. What
 * clients send passes through `onClientData` (the wire protocol carries each statement's text in its Parse message).
 */
export async function startPostgresRelay(databaseUrl: string, onClientData: (chunk: Buffer) => void = () => {}) {
  const target = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  let relay: Server;
  let port = 0;
  const open = () => {
    relay = createServer((client) => {
      const upstream = connect(Number(target.port || 5432), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on("close", () => sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      client.on("data", onClientData);
      client.pipe(upstream).pipe(client);
    });
    return new Promise<void>((resolve) =>
      relay.listen(port, "127.0.0.1", () => {
        port = (relay.address() as { port: number }).port;
        resolve();
      }),
    );
  };
  await open();
  const url = new URL(target);
  url.host = `127.0.0.1:${port}`;
  return {
    url: url.toString(),
    port,
    open,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => relay.close(() => resolve()));
    },
  };
}
