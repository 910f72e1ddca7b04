import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { processExists } from "../process-exists";

const run = promisify(execFile);
/** The tmpfs's name in /proc/mounts, by which a run finds those a crashed run left. */
const SOURCE = "berth-drill-disk";

/**
 * A small tmpfs at `mountpoint` (root may mount), owned by `owner`, for a Postgres data directory that a drill fills and frees. The
 * process that mounted it is written next to it: another run unmounts it when that process is gone.
 */
export async function mountDataDisk(mountpoint: string, sizeMb: number, owner: { uid: number; gid: number }) {
  mkdirSync(mountpoint);
  await run("mount", [
    "-t",
    "tmpfs",
    "-o",
    `size=${sizeMb}m,mode=0700,uid=${owner.uid},gid=${owner.gid}`,
    SOURCE,
    mountpoint,
  ]);
  writeFileSync(ownerFile(mountpoint), String(process.pid));
  const filler = (i: number) => path.join(mountpoint, `filler-${i}`);
  let fillers = 0;
  return {
    /** Allocates every free byte in filler files, until not one block is free (Postgres may write in between). */
    fill: async () => {
      for (let i = 0, free = freeBytes(mountpoint); i < 100 && free > 0; i++, free = freeBytes(mountpoint)) {
        await run("fallocate", ["-l", String(free), filler(fillers++)]).catch(() => undefined);
      }
    },
    free: () => {
      for (; fillers > 0; fillers--) rmSync(filler(fillers - 1), { force: true });
    },
    unmount: () => unmount(mountpoint),
  };
}

export type DataDisk = Awaited<ReturnType<typeof mountDataDisk>>;

/**
 * Unmounts the data disks (and stops their Postgres) of runs that crashed before their `destroy`: those whose
 * mounting process is gone. Those of runs still going are left alone.
 */
export async function removeStaleDataDisks(stopPostgres: (data: string) => Promise<unknown>) {
  const mounts = readFileSync("/proc/mounts", "utf8").split("\n");
  for (const mountpoint of mounts.filter((m) => m.startsWith(`${SOURCE} `)).map((m) => m.split(" ")[1] ?? "")) {
    const owner = Number(existsSync(ownerFile(mountpoint)) ? readFileSync(ownerFile(mountpoint), "utf8") : 0);
    if (owner && processExists(owner)) continue;
    await stopPostgres(path.join(mountpoint, "data")).catch(() => undefined);
    await unmount(mountpoint);
    rmSync(path.dirname(mountpoint), { recursive: true, force: true });
  }
}

const ownerFile = (mountpoint: string) => `${mountpoint}.owner`;
const freeBytes = (mountpoint: string) => {
  const { bavail, bsize } = statfsSync(mountpoint);
  return bavail * bsize;
};

async function unmount(mountpoint: string) {
  await run("umount", [mountpoint]).catch(() => run("umount", ["--lazy", mountpoint]));
  rmSync(ownerFile(mountpoint), { force: true });
}
