import { describe, expect, it } from "vitest";
import { buildNetworkSpec, buildServiceSpec, projectNameRoom, SWARM_NAME_MAX, serviceNameRoom } from "./specs";

const input = {
  tenant: "acme",
  project: "shop",
  name: "web",
  image: "berth-test/busybox:1",
  command: ["httpd", "-f"],
  replicas: 2,
  ports: [{ target: 8080 }, { target: 9090, published: 19090 }],
};

describe("buildServiceSpec", () => {
  const spec = buildServiceSpec(input);
  const template = spec.TaskTemplate as {
    ContainerSpec: Record<string, unknown>;
    Networks: unknown[];
    Placement?: unknown;
  };

  it("names the service <tenant>_<project>_<service> and labels it for tenancy", () => {
    expect(spec.Name).toBe("acme_shop_web");
    expect(spec.Labels).toMatchObject({
      "berth.managed": "true",
      "berth.tenant": "acme",
      "berth.project": "shop",
      "berth.service": "web",
      "com.docker.stack.namespace": "acme_shop",
    });
    expect(template.ContainerSpec.Labels).toMatchObject({ "berth.tenant": "acme" });
  });

  it("runs the command as arguments under an init process, on the project's network", () => {
    expect(template.ContainerSpec).toMatchObject({ Image: "berth-test/busybox:1", Args: ["httpd", "-f"], Init: true });
    expect(template.Networks).toEqual([{ Target: "acme_shop_default", Aliases: ["web"] }]);
    expect(buildServiceSpec({ ...input, command: [] }).TaskTemplate).not.toHaveProperty("ContainerSpec.Args");
  });

  it("publishes ports in host mode, with a host port only when one is asked for", () => {
    expect(spec.EndpointSpec?.Ports).toEqual([
      { Protocol: "tcp", TargetPort: 8080, PublishMode: "host" },
      { Protocol: "tcp", TargetPort: 9090, PublishedPort: 19090, PublishMode: "host" },
    ]);
    expect(spec.Mode).toEqual({ Replicated: { Replicas: 2 } });
  });

  it("adds placement constraints only when there are some", () => {
    expect(template.Placement).toBeUndefined();
    const placed = buildServiceSpec({ ...input, constraints: ["node.role == worker"] }).TaskTemplate;
    expect(placed).toHaveProperty("Placement", { Constraints: ["node.role == worker"] });
  });

  it("always places a tenant service by the fence's constraints, which its own constraints only add to", () => {
    const fence = ["node.role==worker", "node.labels.tenants!=no"];
    const placement = (extra: Partial<typeof input> & { constraints?: string[] }) =>
      (buildServiceSpec({ ...input, fence, ...extra }).TaskTemplate as { Placement?: unknown }).Placement;
    expect(placement({})).toEqual({ Constraints: fence });
    expect(placement({ constraints: [] })).toEqual({ Constraints: fence });
    expect(placement({ constraints: ["node.role==worker", "node.labels.disk==ssd"] })).toEqual({
      Constraints: [...fence, "node.labels.disk==ssd"],
    });
    expect(buildServiceSpec({ ...input, fence }).Labels?.["berth.spec-hash"]).not.toBe(
      spec.Labels?.["berth.spec-hash"],
    );
  });

  it("stores a hash of the spec that changes exactly when the spec does", () => {
    const hash = (i: typeof input) => buildServiceSpec(i).Labels?.["berth.spec-hash"];
    expect(hash(input)).toMatch(/^[0-9a-f]{16}$/);
    expect(hash({ ...input })).toBe(hash(input));
    expect(hash({ ...input, replicas: 3 })).not.toBe(hash(input));
    expect(hash({ ...input, image: "berth-test/busybox:2" })).not.toBe(hash(input));
  });
});

describe("an instance's label", () => {
  it("goes on the service and its network, not on the containers", () => {
    const spec = buildServiceSpec({ ...input, instance: "staging" });
    expect(spec.Labels).toMatchObject({ "berth.instance": "staging", "berth.tenant": "acme" });
    const template = spec.TaskTemplate as { ContainerSpec: { Labels: Record<string, string> } };
    expect(template.ContainerSpec.Labels).toEqual(
      (buildServiceSpec(input).TaskTemplate as typeof template).ContainerSpec.Labels,
    );
    expect(buildNetworkSpec({ tenant: "acme", project: "shop", instance: "staging" }).Labels).toMatchObject({
      "berth.instance": "staging",
      "berth.project": "shop",
    });
  });

  it("is absent without an instance, which leaves the spec and its hash as they were before instances", () => {
    expect(buildServiceSpec(input).Labels).not.toHaveProperty(["berth.instance"]);
    expect(buildNetworkSpec({ tenant: "acme", project: "shop" }).Labels).not.toHaveProperty(["berth.instance"]);
    // The hash main computed for `input` before BERTH_INSTANCE existed: existing services are not updated.
    expect(buildServiceSpec(input).Labels?.["berth.spec-hash"]).toBe("13e0979bffd9a5cd");
    expect(buildServiceSpec({ ...input, instance: "staging" }).Labels?.["berth.spec-hash"]).not.toBe(
      "13e0979bffd9a5cd",
    );
  });
});

describe("name room", () => {
  it("leaves room for names that fit Swarm's 63 characters exactly", () => {
    const tenant = "t".repeat(20);
    expect(projectNameRoom(tenant)).toBe(63 - 20 - "_".length - "_default".length);
    const project = "p".repeat(projectNameRoom(tenant));
    expect(buildNetworkSpec({ tenant, project }).Name).toHaveLength(SWARM_NAME_MAX);
    const ref = { tenant, project: "shop" };
    const name = "s".repeat(serviceNameRoom(ref));
    expect(buildServiceSpec({ ...input, ...ref, name }).Name).toHaveLength(SWARM_NAME_MAX);
  });
});

describe("buildNetworkSpec", () => {
  it("makes an attachable overlay network carrying the project's labels", () => {
    expect(buildNetworkSpec({ tenant: "acme", project: "shop" })).toMatchObject({
      Name: "acme_shop_default",
      Driver: "overlay",
      Attachable: true,
      Labels: { "berth.managed": "true", "berth.tenant": "acme", "berth.project": "shop" },
    });
  });
});
