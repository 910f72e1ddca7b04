import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDocker } from "../packages/docker/src/client";
import { instanceFilter } from "../packages/docker/src/labels";
import { reconcileProjectServices, removeLabelled } from "../packages/docker/src/reconcile-project";
import { sweepDeadTestRuns, testRunInstance } from "./test-run";

const docker = createDocker(inject("dockerHost"));
/** A pid no process has: one that has just exited. */
const deadPid = () => spawnSync("true").pid;

/** Deploys a one-service project as a Berth of `instance` would (held pending: no container runs); its filters. */
async function deployAs(instance: string) {
  const ref = { tenant: `sw${randomBytes(3).toString("hex")}`, project: "left", instance };
  const service = { name: "web", image: "berth-test/busybox:1", command: [], replicas: 1, ports: [] };
  await reconcileProjectServices(docker, ref, [{ ...service, constraints: ["node.labels.berth-test-never == true"] }]);
  return { label: [`berth.tenant=${ref.tenant}`] };
}
const count = async (filters: { label: string[] }) =>
  (await docker.listServices({ filters })).length + (await docker.listNetworks({ filters })).length;

const planted: { label: string[] }[] = [];
afterAll(() => Promise.all(planted.map((filters) => removeLabelled(docker, filters))));

describe("a test run", () => {
  it("is named after the process whose life is the run's", () => {
    expect(testRunInstance(4242)).toBe("test-4242");
    expect(inject("berthInstance")).toMatch(/^test-\d+$/);
  });

  it("sweeps what a run whose process is gone left, and leaves a live run's and other Berths' objects", async () => {
    const crashed = testRunInstance(deadPid());
    const live = testRunInstance(process.pid);
    const leftover = await deployAs(crashed);
    const others = [await deployAs(live), await deployAs("staging")];
    planted.push(leftover, ...others);
    expect(await count(leftover)).toBe(2);

    expect(await sweepDeadTestRuns(docker)).toContain(crashed);
    expect(await count(leftover)).toBe(0);
    expect(await count(instanceFilter(crashed))).toBe(0);
    for (const filters of others) expect(await count(filters)).toBe(2);
  });
});
