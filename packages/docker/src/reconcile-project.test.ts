import { randomBytes } from "node:crypto";
import type Docker from "dockerode";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDocker } from "./client";
import { projectFilter } from "./labels";
import { ensureNetwork, reconcileProjectServices, removeProject } from "./reconcile-project";

// Against the real single-node Swarm that scripts/test-env runs. Services are held pending by a constraint no node
// meets, so these tests exercise Swarm's objects without waiting for containers.
const docker = createDocker(inject("dockerHost"));
/** A project of each test's own, so that no test depends on another having run. */
const refs: { tenant: string; project: string }[] = [];
const freshRef = () => {
  const ref = { tenant: `t${randomBytes(3).toString("hex")}`, project: "shop", instance: inject("berthInstance") };
  refs.push(ref);
  return ref;
};
const pending = {
  image: "berth-test/busybox:1",
  command: ["sleep", "3600"],
  ports: [],
  constraints: ["node.labels.berth-test-never == true"],
};

afterAll(() => Promise.all(refs.map((ref) => removeProject(docker, ref))));

describe("reconcileProjectServices", () => {
  it("creates the project's network and services, labelled, and a second run changes nothing", async () => {
    const ref = freshRef();
    const services = [{ name: "web", replicas: 0, ...pending }];
    expect(await reconcileProjectServices(docker, ref, services)).toEqual({
      created: ["web"],
      updated: [],
      removed: [],
    });
    expect(await reconcileProjectServices(docker, ref, services)).toEqual({ created: [], updated: [], removed: [] });

    const [service] = await docker.listServices({ filters: projectFilter(ref) });
    expect(service?.Spec?.Name).toBe(`${ref.tenant}_shop_web`);
    expect(service?.Spec?.Labels).toMatchObject({
      "berth.managed": "true",
      "berth.tenant": ref.tenant,
      "berth.project": "shop",
      "berth.instance": ref.instance,
    });
    const networks = await docker.listNetworks({ filters: projectFilter(ref) });
    expect(networks.map((n) => [n.Name, n.Driver, n.Labels?.["berth.instance"]])).toEqual([
      [`${ref.tenant}_shop_default`, "overlay", ref.instance],
    ]);
  });

  it("takes over a project deployed before its instance had a name: labels its services, changes no task", async () => {
    const ref = freshRef();
    const services = [{ name: "web", replicas: 1, ...pending }];
    await reconcileProjectServices(docker, { tenant: ref.tenant, project: ref.project }, services);
    const [before] = await docker.listServices({ filters: projectFilter(ref) });
    expect(before?.Spec?.Labels).not.toHaveProperty(["berth.instance"]);

    expect(await reconcileProjectServices(docker, ref, services)).toEqual({
      created: [],
      updated: ["web"],
      removed: [],
    });
    const [after] = await docker.listServices({ filters: projectFilter(ref) });
    expect(after?.Spec?.Labels?.["berth.instance"]).toBe(ref.instance);
    // Swarm replaces a service's tasks only when its task template changes.
    expect(after?.Spec?.TaskTemplate).toEqual(before?.Spec?.TaskTemplate);
    expect(await docker.listNetworks({ filters: projectFilter(ref) })).toHaveLength(1);
  });

  it("updates a changed service in place and removes one no longer wanted", async () => {
    const ref = freshRef();
    await reconcileProjectServices(docker, ref, [{ name: "web", replicas: 0, ...pending }]);
    const result = await reconcileProjectServices(docker, ref, [{ name: "web", replicas: 3, ...pending }]);
    expect(result).toEqual({ created: [], updated: ["web"], removed: [] });
    await reconcileProjectServices(docker, ref, [
      { name: "web", replicas: 3, ...pending },
      { name: "api", replicas: 1, ...pending },
    ]);
    const after = await reconcileProjectServices(docker, ref, [{ name: "api", replicas: 1, ...pending }]);
    expect(after.removed).toEqual(["web"]);
    const names = (await docker.listServices({ filters: projectFilter(ref) })).map((s) => s.Spec?.Name);
    expect(names).toEqual([`${ref.tenant}_shop_api`]);
  });

  it("puts back replicas and image changed behind Berth's back", async () => {
    const ref = freshRef();
    const wanted = [{ name: "api", replicas: 1, ...pending }];
    await reconcileProjectServices(docker, ref, wanted);
    // As `docker service scale` would; a service just created may still change version under us (its endpoint is
    // being allocated): then read it again and retry, as the CLI's user would.
    for (let attempt = 1; ; attempt++) {
      const [service] = await docker.listServices({ filters: projectFilter(ref) });
      const drifted = structuredClone(service?.Spec) as Docker.ServiceSpec;
      drifted.Mode = { Replicated: { Replicas: 4 } };
      const update = docker.getService(String(service?.ID)).update({ ...drifted, version: service?.Version?.Index });
      const error = await update.then(
        () => null,
        (e: Error) => e,
      );
      if (!error) break;
      if (attempt === 5 || !error.message.includes("update out of sequence")) throw error;
    }
    expect(await reconcileProjectServices(docker, ref, wanted)).toEqual({ created: [], updated: ["api"], removed: [] });
    const [after] = await docker.listServices({ filters: projectFilter(ref) });
    expect(after?.Spec?.Mode?.Replicated?.Replicas).toBe(1);
  });

  it("converges without duplicates after a run that stopped half-way", async () => {
    const half = freshRef();
    await ensureNetwork(docker, half); // the run died after creating the network
    await reconcileProjectServices(docker, half, [{ name: "web", replicas: 1, ...pending }]);
    await reconcileProjectServices(docker, half, [{ name: "web", replicas: 1, ...pending }]);
    expect(await docker.listServices({ filters: projectFilter(half) })).toHaveLength(1);
    expect(await docker.listNetworks({ filters: projectFilter(half) })).toHaveLength(1);
    expect(await removeProject(docker, half)).toBe(true);
    expect(await docker.listServices({ filters: projectFilter(half) })).toHaveLength(0);
    expect(await docker.listNetworks({ filters: projectFilter(half) })).toHaveLength(0);
    expect(await removeProject(docker, half)).toBe(false);
  });
});
