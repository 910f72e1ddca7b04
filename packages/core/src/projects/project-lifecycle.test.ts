import { projectFilter } from "@berth/docker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import type { Context } from "../context";
import { reconcileProject } from "../reconcile/reconcile-project";
import { listProjectServices } from "../services/list-project-services";
import { createTenant } from "../tenants/create-tenant";
import { adminContext, uniqueSlug } from "../test-context";
import { createProject } from "./create-project";
import { deleteProject } from "./delete-project";

// The whole life of a project against the real Postgres and Swarm: desired state first, then the reconciler.
let ctx: Context;
let tenant: string;
const web = { name: "web", image: "berth-test/busybox:1", command: ["sleep", "3600"], replicas: 1 };

beforeAll(async () => {
  ctx = await adminContext();
  tenant = uniqueSlug("life");
  await createTenant(ctx, { slug: tenant, name: "Lifecycle" });
});
afterAll(() => ctx.db.$disconnect());

const auditActions = async (targetId: string) =>
  (await ctx.db.auditEntry.findMany({ where: { targetId }, orderBy: { id: "asc" } })).map((e) => e.action);

describe("a project's life", () => {
  it("is written to Postgres with its audit entry, then created in Swarm by the reconciler, idempotently", async () => {
    const project = await createProject(ctx, { tenant, name: "shop", services: [web] });
    expect(await auditActions(project.id)).toEqual(["project.created"]);

    const before = await listProjectServices(ctx, project.id);
    expect(before).toEqual([expect.objectContaining({ name: "web", created: false, runningReplicas: 0 })]);

    expect(await reconcileProject(ctx, project.id)).toEqual({ created: ["web"], updated: [], removed: [] });
    expect(await reconcileProject(ctx, project.id)).toEqual({ created: [], updated: [], removed: [] });
    const ref = { tenant, project: "shop" };
    expect(await ctx.docker.listServices({ filters: projectFilter(ref) })).toHaveLength(1);

    await deleteProject(ctx, project.id);
    expect(await reconcileProject(ctx, project.id)).toEqual({ deleted: true });
    expect(await ctx.docker.listServices({ filters: projectFilter(ref) })).toHaveLength(0);
    expect(await ctx.docker.listNetworks({ filters: projectFilter(ref) })).toHaveLength(0);
    expect(await ctx.db.project.findUnique({ where: { id: project.id } })).toBeNull();
    expect(await auditActions(project.id)).toEqual([
      "project.created",
      "project.deletion_requested",
      "project.deleted",
    ]);
    expect(await reconcileProject(ctx, project.id)).toBeNull();
  });

  it("refuses invalid input with field messages and writes nothing", async () => {
    const projects = await ctx.db.project.count();
    const entries = await ctx.db.auditEntry.count();
    await expect(
      createProject(ctx, { tenant, name: "x", services: [web, { ...web, replicas: -1 }] }),
    ).rejects.toMatchObject({
      code: "invalid",
      fields: { services: "Give each service its own name.", "services.1.replicas": "Use 0 to 100 replicas." },
    });
    await expect(createProject(ctx, { tenant: "no-such-tenant", name: "x", services: [web] })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await ctx.db.project.count()).toBe(projects);
    expect(await ctx.db.auditEntry.count()).toBe(entries);
  });

  it("refuses a second project of the same name in a tenant, keeping the first", async () => {
    const first = await createProject(ctx, { tenant, name: "twice", services: [web] });
    await expect(
      createProject(ctx, { tenant, name: "twice", services: [{ ...web, image: "other:1" }] }),
    ).rejects.toMatchObject({ code: "conflict" });
    const kept = await ctx.db.service.findMany({ where: { projectId: first.id } });
    expect(kept.map((s) => s.image)).toEqual(["berth-test/busybox:1"]);
    await ctx.db.project.delete({ where: { id: first.id } });
  });

  it("leaves the audit chain intact", async () => {
    expect(await verifyAuditChain(ctx)).toMatchObject({ ok: true, firstBrokenId: null });
  });
});
