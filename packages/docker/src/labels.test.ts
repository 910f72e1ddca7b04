import { describe, expect, it } from "vitest";
import { instanceFilter, instanceLabels, namespaceOf, projectFilter, projectLabels, projectRefOf } from "./labels";

const ref = { tenant: "acme", project: "shop" };

describe("labels", () => {
  it("mark a project's objects as Berth's, with their tenant, project and stack namespace", () => {
    expect(namespaceOf(ref)).toBe("acme_shop");
    expect(projectLabels(ref)).toEqual({
      "berth.managed": "true",
      "berth.tenant": "acme",
      "berth.project": "shop",
      "com.docker.stack.namespace": "acme_shop",
    });
    expect(projectFilter(ref)).toEqual({ label: ["berth.managed=true", "berth.tenant=acme", "berth.project=shop"] });
  });

  it("name a project only for an object Berth manages that says both its tenant and its project", () => {
    expect(projectRefOf(projectLabels(ref))).toEqual(ref);
    const { "berth.managed": _, ...unmanaged } = projectLabels(ref);
    for (const labels of [
      unmanaged,
      { ...projectLabels(ref), "berth.managed": "false" },
      { ...projectLabels(ref), "berth.tenant": "" },
      { ...projectLabels(ref), "berth.project": "" },
      { "com.docker.stack.namespace": "acme_shop" },
      undefined,
    ]) {
      expect(projectRefOf(labels)).toBeNull();
    }
  });

  it("say which Berth instance created an object when it has a name, and never select a project by it", () => {
    expect(instanceLabels("staging")).toEqual({ "berth.instance": "staging" });
    expect(instanceLabels("")).toEqual({});
    expect(instanceLabels(undefined)).toEqual({});
    expect(instanceFilter("staging")).toEqual({ label: ["berth.instance=staging"] });
    const deployed = { ...ref, instance: "staging" };
    expect(projectFilter(deployed)).toEqual(projectFilter(ref));
    expect(projectLabels(deployed)).toEqual(projectLabels(ref));
  });
});
