import { type ChildProcess, execFile, spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { rmdir } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { createDocker } from "../../packages/docker/src/client";
import { processExists } from "../process-exists";
import { readTestEnv } from "../test-env";

const run = promisify(execFile);
const DATA = "/var/lib/berth-drills";
const PREFIX = "berth-drill-";
const IMAGE = "berth-test/busybox:1";

/**
 * A dockerd with a single-node Swarm of the drill's own, that the drill may stop and start again at will: the shared one
 * (scripts/env/docker.sh) serves every session and must not be. It runs in a network namespace of its own, so its
 * swarm port, bridges and iptables tables are its own; its addresses stay clear of the shared engine's 172.31.0.0/17
 * all the same, so that neither its logs nor a route can be mistaken for the other's. Named after this process, so
 * that two checkouts may run drills at once; one left by a crashed run (its process gone) is removed on start.
 */
export async function startPrivateDocker() {
  await removeStale();
  const name = `${PREFIX}${process.pid}`;
  const runDir = `/run/${name}`; // short: unix socket paths are limited to ~100 bytes
  const dataDir = path.join(DATA, name);
  const host = `unix://${runDir}/docker.sock`;
  mkdirSync(runDir, { recursive: true });
  mkdirSync(dataDir, { recursive: true });
  await run("ip", ["netns", "add", name]);
  await run("nsenter", [`--net=/run/netns/${name}`, "ip", "link", "set", "lo", "up"]);
  const docker = createDocker(host);
  let daemon: ChildProcess | undefined;

  /** Starts dockerd with the same flags each time; `ip netns exec` would hide the cgroup mounts it needs. */
  const launch = () => {
    const log = openSync(path.join(dataDir, "dockerd.log"), "a");
    const flags = [
      ...["--data-root", path.join(dataDir, "data"), "--exec-root", `${runDir}/exec`],
      ...["--pidfile", `${runDir}/dockerd.pid`, "-H", host, "--cgroup-parent", `/${name}`],
      ...["--bip", "10.211.0.1/24", "--default-address-pool", "base=10.212.0.0/16,size=24"],
    ];
    daemon = spawn("nsenter", [`--net=/run/netns/${name}`, "/usr/sbin/dockerd", ...flags], {
      stdio: ["ignore", log, log],
    });
    closeSync(log);
  };
  /** Waits (60 s at most, and no longer than dockerd runs) until `probe` answers. */
  const waitFor = async (probe: () => Promise<unknown>) => {
    for (let i = 0; i < 120 && alive(daemon); i++) {
      const answers = await probe().then(
        () => true,
        () => false,
      );
      if (answers) return;
      await sleep(500);
    }
    throw new Error(`the drill's dockerd did not come up; see ${dataDir}/dockerd.log`);
  };
  /** Listing nodes needs a Swarm with a leader: until then a service could not be created. */
  const start = async () => {
    launch();
    await waitFor(() => docker.listNodes());
  };
  /** SIGTERM, as `systemctl restart docker` does, and waits until it has exited (30 s, then SIGKILL). */
  const stop = async () => {
    const child = daemon;
    if (!child || !alive(child)) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, sleep(30_000)]);
    if (alive(child)) child.kill("SIGKILL");
    await exited;
  };

  try {
    launch();
    await waitFor(() => docker.ping());
    const cli = (...args: string[]) => run("docker", ["-H", host, ...args]);
    await cli("swarm", "init", "--advertise-addr", "127.0.0.1", "--default-addr-pool", "10.213.0.0/16");
    // The drills' test image, from the shared engine (read only there): no registry is reachable.
    const shared = readTestEnv().DOCKER_HOST;
    await run("bash", ["-o", "pipefail", "-c", `docker -H ${shared} save ${IMAGE} | docker -H ${host} load`]);
  } catch (error) {
    await stop();
    await removeInstance(name);
    throw error;
  }
  return {
    host,
    stop,
    start,
    /** Stops it and leaves nothing: no process, namespace, mount, data, run or cgroup directory. */
    destroy: async () => {
      await stop();
      await removeInstance(name);
    },
  };
}

export type PrivateDocker = Awaited<ReturnType<typeof startPrivateDocker>>;

const alive = (child?: ChildProcess) => !!child && child.exitCode === null && child.signalCode === null;

/** Removes the instances whose test process is gone: a crashed run's. */
async function removeStale() {
  const { stdout } = await run("ip", ["netns", "list"]);
  const namespaces = stdout.split("\n").map((line) => line.split(" ")[0] ?? "");
  const dirs = existsSync(DATA) ? readdirSync(DATA) : [];
  for (const name of new Set([...namespaces, ...dirs])) {
    const pid = Number(name.slice(PREFIX.length));
    if (name.startsWith(PREFIX) && pid && !processExists(pid)) await removeInstance(name);
  }
}

/** What `destroy` removes, for an instance whose dockerd may still run (its test process crashed). */
async function removeInstance(name: string) {
  const runDir = `/run/${name}`;
  const dataDir = path.join(DATA, name);
  const pidfile = `${runDir}/dockerd.pid`;
  const pid = existsSync(pidfile) ? Number(readFileSync(pidfile, "utf8")) : 0;
  if (pid && processExists(pid)) {
    process.kill(pid, "SIGTERM");
    for (let i = 0; i < 60 && processExists(pid); i++) await sleep(500);
    if (processExists(pid)) process.kill(pid, "SIGKILL");
  }
  // A dockerd that did not shut down cleanly leaves its mounts (namespaces, overlays) behind: innermost first.
  const mounts = readFileSync("/proc/mounts", "utf8")
    .split("\n")
    .map((line) => line.split(" ")[1] ?? "")
    .filter((at) => at.startsWith(`${runDir}/`) || at.startsWith(`${dataDir}/`))
    .reverse();
  for (const at of mounts) await run("umount", ["-l", at]).catch(() => undefined);
  await run("ip", ["netns", "delete", name]).catch(() => undefined);
  rmSync(runDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
  for (const controller of readdirSync("/sys/fs/cgroup")) {
    // One that still holds a container (a crashed run's) cannot go, and stays.
    await rmdir(path.join("/sys/fs/cgroup", controller, name)).catch(() => undefined);
  }
}
