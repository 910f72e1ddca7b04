import { describe, expect, inject, it } from "vitest";
import { createDocker } from "./client";
import {
  constraintText,
  countEligibleNodes,
  nodeSatisfies,
  type PlacementConstraint,
  type SwarmNode,
} from "./placement";

const worker: SwarmNode = {
  ID: "n1",
  Spec: { Role: "worker", Availability: "active", Labels: { tenants: "yes", Zone: "EU" } },
  Status: { State: "ready" },
  Description: { Hostname: "w1", Platform: { OS: "linux", Architecture: "x86_64" }, Engine: { Labels: { ssd: "1" } } },
};
const c = (key: string, operator: "==" | "!=", value: string): PlacementConstraint => ({ key, operator, value });

describe("nodeSatisfies", () => {
  it("evaluates every supported key with == and !=, values whole and ignoring case", () => {
    expect(nodeSatisfies(worker, [])).toBe(true);
    for (const [key, value] of [
      ["node.id", "n1"],
      ["node.hostname", "W1"],
      ["node.role", "worker"],
      ["node.platform.os", "linux"],
      ["node.platform.arch", "x86_64"],
      ["node.labels.tenants", "yes"],
      ["node.labels.Zone", "eu"],
      ["engine.labels.ssd", "1"],
    ] as const) {
      expect(nodeSatisfies(worker, [c(key, "==", value)]), key).toBe(true);
      expect(nodeSatisfies(worker, [c(key, "!=", value)]), key).toBe(false);
      expect(nodeSatisfies(worker, [c(key, "==", `${value}x`)]), key).toBe(false);
    }
  });

  it("reads a missing label as empty, and needs every constraint", () => {
    expect(nodeSatisfies(worker, [c("node.labels.gpu", "!=", "true")])).toBe(true);
    expect(nodeSatisfies(worker, [c("node.labels.zone", "==", "eu")])).toBe(false);
    expect(nodeSatisfies(worker, [c("node.role", "==", "worker"), c("node.labels.tenants", "==", "no")])).toBe(false);
  });

  it("counts only ready, active nodes", () => {
    expect(nodeSatisfies({ ...worker, Status: { State: "down" } }, [])).toBe(false);
    expect(nodeSatisfies({ ...worker, Spec: { ...worker.Spec, Availability: "drain" } }, [])).toBe(false);
  });

  it("refuses a key it cannot evaluate rather than guess", () => {
    expect(() => nodeSatisfies(worker, [c("node.ip", "==", "10.0.0.1")])).toThrow(/node\.ip/);
  });

  it("writes a constraint as a service spec takes it", () => {
    expect(constraintText(c("node.role", "==", "worker"))).toBe("node.role==worker");
  });
});

describe("countEligibleNodes", () => {
  // The test swarm has one node, a manager.
  const docker = createDocker(inject("dockerHost"));
  it("asks the real swarm", async () => {
    expect(await countEligibleNodes(docker, [])).toBe(1);
    expect(await countEligibleNodes(docker, [c("node.role", "==", "manager")])).toBe(1);
    expect(await countEligibleNodes(docker, [c("node.role", "==", "worker")])).toBe(0);
  });
});
