import { execFile } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { provisionDatabase } from "../../packages/db/src/provision-database";
import { APP_ROLE } from "../test-env";
import { mountDataDisk, removeStaleDataDisks } from "./data-disk";

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

export interface PrivatePostgresOptions {
  /**
   * Puts the data directory on a tmpfs of this many MB, which `disk.fill()` fills and `disk.free()` frees: tables
   * then cannot grow. The WAL stays on the normal disk: Postgres PANICs and stops when it cannot write WAL, and that
   * is the drill of a stopped Postgres, not of a full one. Postgres also PANICs when a checkpoint finds the data disk
   * full (it writes pg_logical/replorigin_checkpoint there), so the timed checkpoint is put off beyond any drill:
   * what is left is what a full disk does until then, statements that need a file to grow refused with SQLSTATE
   * 53100 ("could not extend file …: No space left on device"), reads and writes into pages with room answered.
   */
  dataDiskMb?: number;
}

/**
 * A Postgres 15 cluster of the drill's own, in a fresh temporary directory on a free port of 127.0.0.1 (trust auth for
 * local connections), that the drill may restart and stop at will: the machine's cluster is shared and must not be.
 * Holds the database `berth`, provisioned as the tests' are: `ownerUrl` is the superuser (what the bootstrap migrates
 * as), `url` the app role (what web and worker connect as).
 */
export async function startPrivatePostgres({ dataDiskMb }: PrivatePostgresOptions = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), "berth-drill-pg-"));
  const port = await freePort();
  const owner = await postgresUser();
  chownSync(dir, owner.uid, owner.gid);
  if (dataDiskMb) await removeStaleDataDisks((data) => pgCtlOn(data, "-m", "immediate", "stop"));
  const disk = dataDiskMb ? await mountDataDisk(path.join(dir, "disk"), dataDiskMb, owner) : undefined;
  const data = path.join(disk ? path.join(dir, "disk") : dir, "data");
  const pgCtl = (...args: string[]) => pgCtlOn(data, ...args);
  const walOnTheNormalDisk = disk ? [`--waldir=${path.join(dir, "wal")}`] : [];
  const initdb = [`${BIN}/initdb`, "-D", data, "-U", "postgres", "--auth=trust", ...walOnTheNormalDisk];
  await run("runuser", ["-u", "postgres", "--", ...initdb]);
  const noTimedCheckpoint = disk ? " -c checkpoint_timeout=1d" : "";
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir}${noTimedCheckpoint}`;
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
    /** With `dataDiskMb`: the tmpfs under the data directory, to fill and free. */
    disk,
    ownerUrl,
    start: async () => void (await start()),
    stop: async () => void (await stop()),
    /** What `pg_ctlcluster 15 main restart` does: a fast shutdown (sessions terminated, 57P01), then start. */
    restart: async () => void (await pgCtl("-l", log, "-m", "fast", "restart")),
    destroy: async () => {
      // A shutdown checkpoint on a full disk fails: space first.
      disk?.free();
      await stop().catch(() => pgCtl("-m", "immediate", "stop").catch(() => undefined));
      await disk?.unmount();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type PrivatePostgres = Awaited<ReturnType<typeof startPrivatePostgres>>;

const pgCtlOn = (data: string, ...args: string[]) =>
  run("runuser", ["-u", "postgres", "--", `${BIN}/pg_ctl`, "-D", data, "-w", "-t", "60", ...args]);

async function postgresUser() {
  const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}
