import { LABEL } from "@berth/docker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Context } from "../context";
import { reconcileProject } from "../reconcile/reconcile-project";
import { createTenant } from "../tenants/create-tenant";
import { adminContext, uniqueSlug } from "../test-context";
import { createProject } from "./create-project";
import { deleteProject } from "./delete-project";

// What a tenant may ask of Swarm, against the real Postgres and the test swarm (one node, a manager). Each test
// publishes host ports of its own from the default range, 30000-32767.
let ctx: Context;
let tenant: string;
let other: string;
const web = { name: "web", image: "berth-test/busybox:1", command: ["sleep", "3600"], replicas: 1 };

beforeAll(async () => {
  ctx = await adminContext();
  tenant = uniqueSlug("fence");
  other = uniqueSlug("fence");
  for (const slug of [tenant, other]) await createTenant(ctx, { slug, name: slug });
});
afterAll(() => ctx.db.$disconnect());

const written = async () => ({
  projects: await ctx.db.project.count(),
  reservations: await ctx.db.portReservation.count(),
  audit: await ctx.db.auditEntry.count(),
});

/** Expects a refusal with exactly these field messages, and that nothing was written. */
async function expectRefused(input: object, code: string, fields: Record<string, string>) {
  const before = await written();
  await expect(createProject(ctx, input)).rejects.toMatchObject({ code, fields });
  expect(await written()).toEqual(before);
}

/** Deletes the project as a user would, and lets the reconciler finish it. */
async function remove(c: Context, id: string) {
  await deleteProject(c, id);
  expect(await reconcileProject(c, id)).toEqual({ deleted: true });
}

describe("project input", () => {
  it("refuses text Postgres cannot store: a lone surrogate or NUL in an argument", async () => {
    const broken = "Remove the NUL or the broken character (half of a UTF-16 surrogate pair).";
    for (const arg of ["x\ud800y", "\udc00", "a\0b"]) {
      await expectRefused({ tenant, name: "text", services: [{ ...web, command: ["sh", arg] }] }, "invalid", {
        "services.0.command.1": broken,
      });
    }
  });

  it("refuses an image reference Docker could not pull", async () => {
    await expectRefused({ tenant, name: "img", services: [{ ...web, image: "busybox@sha256:zz" }] }, "invalid", {
      "services.0.image": "After @, give a digest such as sha256: and 64 hexadecimal digits.",
    });
    await expectRefused({ tenant, name: "img", services: [{ ...web, image: "Busybox:1" }] }, "invalid", {
      "services.0.image": "Use lower case in the repository name.",
    });
  });

  it("refuses names whose Swarm names would pass 63 characters, saying how many characters are left", async () => {
    const long = `${"t".repeat(23)}-${uniqueSlug("x").slice(2)}`; // 30 characters, the most a slug has
    await createTenant(ctx, { slug: long, name: "Long" });
    await expectRefused({ tenant: long, name: "p".repeat(30), services: [web] }, "invalid", {
      name: `Too long by 6: in tenant ${long}, a project name has room for 24 characters (Swarm names have at most 63).`,
    });
    const project = "p".repeat(20);
    await expectRefused({ tenant: long, name: project, services: [web, { ...web, name: "s".repeat(12) }] }, "invalid", {
      "services.1.name": `Too long by 1: in ${long}_${project}, a service name has room for 11 characters (Swarm names have at most 63).`,
    });
    const fits = await createProject(ctx, {
      tenant: long,
      name: project,
      services: [{ ...web, name: "s".repeat(11) }],
    });
    await ctx.db.project.delete({ where: { id: fits.id } });
  });

  it("refuses a host port outside the published range, or none, naming the field and the range", async () => {
    const ports = [{ target: 80, published: 8080 }, { target: 443, published: 443 }, { target: 22 }];
    await expectRefused({ tenant, name: "ports", services: [{ ...web, ports }] }, "invalid", {
      "services.0.ports.2.published": "Give the host port to publish on, from the range the operator allows.",
    });
    await expectRefused({ tenant, name: "ports", services: [{ ...web, ports: ports.slice(0, 2) }] }, "invalid", {
      "services.0.ports.0.published": "Use a host port from 30000-32767.",
      "services.0.ports.1.published": "Use a host port from 30000-32767.",
    });
  });

  it("refuses more replicas of a fixed host port than nodes can run them", async () => {
    const service = { ...web, replicas: 2, ports: [{ target: 80, published: 30101 }] };
    await expectRefused({ tenant, name: "crowd", services: [service] }, "invalid", {
      "services.0.replicas":
        "Port 30101 is published on each node in host mode: at most 1 replica fits (1 node can run this tenant's tasks).",
    });
    const workersOnly = { ...ctx.fence, placement: [{ key: "node.role", operator: "==" as const, value: "worker" }] };
    await expect(
      createProject({ ...ctx, fence: workersOnly }, { tenant, name: "crowd", services: [service] }),
    ).rejects.toMatchObject({
      fields: {
        "services.0.replicas":
          "Port 30101 is published on each node in host mode: at most 0 replicas fit (0 nodes can run this tenant's tasks).",
      },
    });
    const fits = await createProject(ctx, { tenant, name: "crowd", services: [{ ...service, replicas: 1 }] });
    await ctx.db.project.delete({ where: { id: fits.id } });
  });
});

describe("port reservations", () => {
  const publishing = (port: number) => [{ ...web, replicas: 0, ports: [{ target: 80, published: port }] }];

  it("give a host port to one project of any tenant: another is refused without naming the holder", async () => {
    const holder = await createProject(ctx, { tenant, name: "holds", services: publishing(30102) });
    const taken = "Port 30102 is taken; choose another.";
    await expectRefused({ tenant: other, name: "wants", services: publishing(30102) }, "conflict", {
      "services.0.ports.0.published": taken,
    });
    await expect(
      createProject(ctx, { tenant: other, name: "wants", services: publishing(30102) }),
    ).rejects.toMatchObject({ message: taken });

    await remove(ctx, holder.id);
    expect(await ctx.db.portReservation.count({ where: { port: 30102 } })).toBe(0);
    const next = await createProject(ctx, { tenant: other, name: "wants", services: publishing(30102) });
    await ctx.db.project.delete({ where: { id: next.id } });
  });

  it("give a port claimed by two requests at once to exactly one", async () => {
    const results = await Promise.allSettled(
      [tenant, other].map((t) => createProject(ctx, { tenant: t, name: "race", services: publishing(30103) })),
    );
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    await ctx.db.project.deleteMany({ where: { slug: "race" } });
  });

  it("refuse a host port published twice in one project", async () => {
    const services = [...publishing(30104), { ...publishing(30104)[0], name: "api" }];
    await expectRefused({ tenant, name: "twice", services }, "invalid", {
      "services.1.ports.0.published": "Port 30104 is published twice in this project.",
    });
  });
});

describe("placement", () => {
  it("puts the fence's constraints on every tenant service in Swarm", async () => {
    const placement = [{ key: "node.labels.berth-test-fence", operator: "==" as const, value: "yes" }];
    const fenced = { ...ctx, fence: { ...ctx.fence, placement } };
    const project = await createProject(fenced, { tenant, name: "placed", services: [web, { ...web, name: "api" }] });
    try {
      await reconcileProject(fenced, project.id);
      const services = await ctx.docker.listServices({
        filters: { label: [`${LABEL.tenant}=${tenant}`, `${LABEL.project}=placed`] },
      });
      expect(services.map((s) => s.Spec?.TaskTemplate)).toEqual([
        expect.objectContaining({ Placement: { Constraints: ["node.labels.berth-test-fence==yes"] } }),
        expect.objectContaining({ Placement: { Constraints: ["node.labels.berth-test-fence==yes"] } }),
      ]);
    } finally {
      await remove(fenced, project.id);
    }
  });
});
