import type { ServiceStatus, TaskStatus } from "@berth/docker";
import { describe, expect, it } from "vitest";
import { projectHealth } from "./project-health";

const task = (state: string, error: string | null = null): TaskStatus => ({
  id: `t-${state}`,
  slot: 1,
  state,
  desiredState: "running",
  message: state,
  error,
  node: "n1",
  ports: [],
  updatedAt: "",
});
const service = (running: number, desired: number, tasks: TaskStatus[] = []): ServiceStatus => ({
  name: "web",
  swarmId: "s1",
  image: "busybox",
  running,
  desired,
  tasks,
});

describe("projectHealth", () => {
  it("is healthy when every service runs what it wants, none included", () => {
    expect(projectHealth([])).toBe("healthy");
    expect(projectHealth([service(0, 0), service(2, 2, [task("running"), task("running")])])).toBe("healthy");
  });

  it("is converging while a service runs fewer than it wants and no task complains", () => {
    expect(projectHealth([service(2, 2), service(0, 1, [task("starting")])])).toBe("converging");
  });

  it("is degraded when a service short of replicas has a task saying why it cannot run", () => {
    const stuck = task("pending", "no suitable node (scheduling constraints not satisfied on 1 node)");
    expect(projectHealth([service(0, 1, [stuck])])).toBe("degraded");
    // A complaint of a service that runs all it wants does not count.
    expect(projectHealth([service(1, 1, [task("running"), stuck])])).toBe("healthy");
  });
});
