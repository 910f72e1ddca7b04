import { execFile } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { provisionDatabase } from "../../packages/db/src/provision-database";
import { APP_ROLE } from "../test-env";

const BIN = "/usr/lib/postgresql/15/bin";
const run = promisify(execFile);

/** A port nobody listens on at this moment, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A Postgres 15 cluster of the drill's own, in a fresh temporary directory on a free port of 127.0.0.1 (trust auth for
 * local connections), that the drill may restart and stop at will: the machine's cluster is shared and must not be.
 * Holds the database `berth`, provisioned as the tests' are: `ownerUrl` is the superuser (what the bootstrap migrates
 * as), `url` the app role (what web and worker connect as).
 */
export async function startPrivatePostgres() {
  const dir = mkdtempSync(path.join(tmpdir(), "berth-drill-pg-"));
  const data = path.join(dir, "data");
  const port = await freePort();
  const { uid, gid } = await postgresUser();
  chownSync(dir, uid, gid);
  const pgCtl = (...args: string[]) =>
    run("runuser", ["-u", "postgres", "--", `${BIN}/pg_ctl`, "-D", data, "-w", "-t", "60", ...args]);
  await run("runuser", ["-u", "postgres", "--", `${BIN}/initdb`, "-D", data, "-U", "postgres", "--auth=trust"]);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir}`;
  // The server's output always goes to the log: a server holding pg_ctl's stdout would keep execFile waiting.
  const log = path.join(dir, "log");
  const start = () => pgCtl("-l", log, "-o", options, "start");
  const stop = () => pgCtl("-m", "fast", "stop");
  await start();
  const serverUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const { ownerUrl, appUrl } = await provisionDatabase(serverUrl, "berth", APP_ROLE);
  return {
    port,
    url: appUrl,
    ownerUrl,
    start: async () => void (await start()),
    stop: async () => void (await stop()),
    /** What `pg_ctlcluster 15 main restart` does: a fast shutdown (sessions terminated, 57P01), then start. */
    restart: async () => void (await pgCtl("-l", log, "-m", "fast", "restart")),
    destroy: async () => {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type PrivatePostgres = Awaited<ReturnType<typeof startPrivatePostgres>>;

async function postgresUser() {
  const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}
