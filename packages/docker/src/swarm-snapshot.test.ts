import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDocker, dockerUnreachableAt } from "./client";
import { projectFilter } from "./labels";
import { reconcileProjectServices, removeProject } from "./reconcile-project";
import { createSwarmSnapshot } from "./swarm-snapshot";

// Against the real single-node Swarm that scripts/test-env runs.
const dockerHost = inject("dockerHost");
const docker = createDocker(dockerHost);
const refs: { tenant: string; project: string }[] = [];
const freshRef = () => {
  const ref = { tenant: `s${randomBytes(3).toString("hex")}`, project: "shop", instance: inject("berthInstance") };
  refs.push(ref);
  return ref;
};
const service = { image: "berth-test/busybox:1", command: ["sleep", "3600"], ports: [] };
/** Services held pending by a constraint no node meets: Swarm objects without containers. */
const pending = { ...service, constraints: ["node.labels.berth-test-never == true"] };
/** No periodic full listing during a test: what it sees came from events and follow-ups. */
const NO_RESYNC = { resyncMs: 3_600_000 };
const snapshots: ReturnType<typeof createSwarmSnapshot>[] = [];
const snapshotOf = (host = dockerHost, timings = NO_RESYNC) => {
  const snapshot = createSwarmSnapshot(createDocker(host), createDocker(host, { streaming: true }), timings);
  snapshots.push(snapshot);
  return snapshot;
};

afterAll(async () => {
  for (const s of snapshots) s.close();
  await Promise.all(refs.map((ref) => removeProject(docker, ref)));
});

/** Polls `probe` every 50 ms until it holds, for at most `ms`; whether it did. */
async function eventually(probe: () => Promise<boolean>, ms = 30_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    if (await probe()) return true;
  }
  return false;
}

describe("createSwarmSnapshot", () => {
  it("answers every reader from one listing: readers cost no Engine API call", async () => {
    const ref = freshRef();
    await reconcileProjectServices(docker, ref, [
      { name: "web", replicas: 2, ...pending },
      { name: "api", replicas: 1, ...pending },
    ]);
    const listing = createDocker(dockerHost);
    let calls = 0;
    const modem = listing.modem as unknown as { dial: (...args: unknown[]) => unknown };
    const dial = modem.dial.bind(modem);
    modem.dial = (...args) => {
      calls++;
      return dial(...args);
    };
    // Nor a listing of the converging project (its tasks never run) while the readers read.
    const timings = { ...NO_RESYNC, convergingMs: 3_600_000 };
    const snapshot = createSwarmSnapshot(listing, createDocker(dockerHost, { streaming: true }), timings);
    snapshots.push(snapshot);
    const first = await snapshot.projectServices(ref);
    const afterFirst = calls;
    for (let i = 0; i < 50; i++) await snapshot.projectServices(ref);
    expect(calls).toBe(afterFirst);
    expect(first.map((s) => [s.name, s.desired, s.running])).toEqual([
      ["api", 1, 0],
      ["web", 2, 0],
    ]);
    expect(first[1]?.tasks).toHaveLength(2);
    // Wanted, and not running: the scheduler may not have reached "pending" (no node fits) yet when they are listed.
    const waiting = new Set(["new", "allocated", "pending"]);
    expect(first[1]?.tasks.every((t) => waiting.has(t.state) && t.desiredState === "running")).toBe(true);
    expect(await snapshot.projectServices({ tenant: ref.tenant, project: "other" })).toEqual([]);
  });

  it("hears a change through Docker's events and tells its listeners which project changed", async () => {
    const ref = freshRef();
    const other = freshRef();
    await reconcileProjectServices(docker, ref, [{ name: "web", replicas: 1, ...pending }]);
    const snapshot = snapshotOf();
    await snapshot.projectServices(ref);
    const heard: string[] = [];
    snapshot.subscribe((changed) => heard.push(...changed.map((r) => r.tenant)));
    await reconcileProjectServices(docker, ref, [{ name: "web", replicas: 3, ...pending }]);
    await reconcileProjectServices(docker, other, [{ name: "db", replicas: 1, ...pending }]);
    expect(await eventually(async () => (await snapshot.projectServices(ref))[0]?.desired === 3)).toBe(true);
    expect(await eventually(async () => (await snapshot.projectServices(other)).length === 1)).toBe(true);
    expect(heard).toContain(ref.tenant);
    expect(heard).toContain(other.tenant);

    await removeProject(docker, other);
    expect(await eventually(async () => (await snapshot.projectServices(other)).length === 0)).toBe(true);
    expect((await snapshot.projects()).some((p) => p.ref.tenant === other.tenant)).toBe(false);
  });

  // Swarm's own timing on a loaded machine decides this rarely (about 1 run in 25 here, the cause not found): retried.
  it("sees a killed container's task fail, which Swarm marks without an event, before the replacement starts", {
    retry: 2,
  }, async () => {
    const ref = freshRef();
    await reconcileProjectServices(docker, ref, [{ name: "web", replicas: 1, ...service }]);
    const snapshot = snapshotOf();
    const running = async () => (await snapshot.projectServices(ref))[0]?.running;
    expect(await eventually(async () => (await running()) === 1, 60_000)).toBe(true);
    const [container] = await docker.listContainers({ filters: projectFilter(ref) });
    let zeroAt = 0;
    snapshot.subscribe(async () => {
      if (!zeroAt && (await running()) === 0) zeroAt = Date.now();
    });
    const killedAt = Date.now();
    await docker.getContainer(container?.Id ?? "").kill();
    expect(await eventually(async () => zeroAt > 0, 60_000)).toBe(true);
    expect(await eventually(async () => (await running()) === 1, 60_000)).toBe(true);
    // Docker's die event comes before Swarm marks the task failed, and the next event is the replacement's creation
    // (5 s of restart delay later): only the follow-up listings can have seen 0 running in between.
    const events = await docker.getEvents({
      since: Math.floor(killedAt / 1000),
      until: Math.ceil(Date.now() / 1000),
      filters: { type: ["container"], event: ["create"], label: projectFilter(ref).label },
    });
    let text = "";
    for await (const chunk of events) text += chunk.toString();
    const created = text
      .split("\n")
      .filter(Boolean)
      .map((line) => Number((JSON.parse(line) as { timeNano: number }).timeNano) / 1e6)
      .filter((at) => at > killedAt);
    expect(created).toHaveLength(1);
    expect(zeroAt).toBeLessThan(created[0] ?? 0);
  });

  it("answers why while Docker cannot be reached, rather than an old state", async () => {
    const snapshot = snapshotOf("unix:///nonexistent/docker.sock");
    const error = await snapshot.projectServices({ tenant: "t", project: "p" }).catch((e: unknown) => e);
    expect(dockerUnreachableAt(error)).toBe("unix:///nonexistent/docker.sock");
    expect(snapshot.streamState()).toMatchObject({ connected: false, error: expect.stringContaining("ENOENT") });
  });
});
