import { describe, expect, it } from "vitest";
import { swarmSignalOf } from "./watch-swarm-events";

const services = new Map([["svc1", { tenant: "acme", project: "shop" }]]);
const labels = { "berth.managed": "true", "berth.tenant": "acme", "berth.project": "shop" };

describe("swarmSignalOf", () => {
  it("names the project of a Berth container, from its labels", () => {
    const event = { Type: "container", Action: "exec_start: sh", Actor: { ID: "c1", Attributes: labels } };
    expect(swarmSignalOf(event, services)).toEqual({
      kind: "container",
      action: "exec_start",
      tenant: "acme",
      project: "shop",
    });
  });

  it("names the project of a Berth service, known by id", () => {
    const event = { Type: "service", Action: "update", Actor: { ID: "svc1", Attributes: { name: "globex_x_y" } } };
    expect(swarmSignalOf(event, services)).toEqual({
      kind: "service",
      action: "update",
      tenant: "acme",
      project: "shop",
    });
  });

  it("ignores what is not Berth's, whatever its name says", () => {
    const foreign = {
      Type: "service",
      Action: "create",
      Actor: { ID: "other", Attributes: { name: "acme_shop_web" } },
    };
    expect(swarmSignalOf(foreign, services)).toBeNull();
    const unlabelled = { Type: "container", Action: "start", Actor: { ID: "c2", Attributes: { name: "x" } } };
    expect(swarmSignalOf(unlabelled, services)).toBeNull();
    const spoofed = { Type: "container", Action: "start", Actor: { Attributes: { "berth.tenant": "acme" } } };
    expect(swarmSignalOf(spoofed, services)).toBeNull();
  });

  it("ignores labels on anything but containers, and events that name no actor", () => {
    expect(
      swarmSignalOf({ Type: "network", Action: "create", Actor: { ID: "n1", Attributes: labels } }, services),
    ).toBeNull();
    expect(swarmSignalOf({ Type: "service", Action: "update" }, services)).toBeNull();
    expect(swarmSignalOf({ Type: "container", Action: "start" }, services)).toBeNull();
    expect(swarmSignalOf({ Type: "node" }, services)).toEqual({ kind: "node", action: "" });
  });

  it("passes node changes on without a tenant", () => {
    expect(swarmSignalOf({ Type: "node", Action: "update" }, services)).toEqual({ kind: "node", action: "update" });
  });
});
