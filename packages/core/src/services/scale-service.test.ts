import { createDb } from "@berth/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort } from "../../../../test/web-server";
import type { Context } from "../context";
import { toAppError } from "../errors";
import { createProject } from "../projects/create-project";
import { createTenant } from "../tenants/create-tenant";
import { adminContext, asMember, uniqueSlug } from "../test-context";
import { scaleService } from "./scale-service";

// Scaling writes the desired replicas with their audit entry and wakes the reconciler; whoever may not scale the
// service, or may not see it, changes nothing.
let ctx: Context;
let serviceId: string;
let published: string;
let own: string;
let other: string;
const replicasOf = async (id: string) => (await ctx.db.service.findUniqueOrThrow({ where: { id } })).replicas;
const auditCount = () => ctx.db.auditEntry.count({ where: { action: "service.scaled" } });

beforeAll(async () => {
  ctx = await adminContext();
  const tenant = uniqueSlug("scale");
  own = (await createTenant(ctx, { slug: tenant, name: "Scale" })).id;
  other = (await createTenant(ctx, { slug: uniqueSlug("scale-other"), name: "Other" })).id;
  const project = await createProject(ctx, {
    tenant,
    name: "shop",
    services: [
      { name: "web", image: "berth-test/busybox:1", replicas: 0 },
      { name: "edge", image: "berth-test/busybox:1", replicas: 0, ports: [{ target: 80, published: 30990 }] },
    ],
  });
  serviceId = project.services.find((s) => s.name === "web")?.id ?? "";
  published = project.services.find((s) => s.name === "edge")?.id ?? "";
});
afterAll(() => ctx.db.$disconnect());

describe("scaleService", () => {
  it("sets the replicas with an audit entry saying from what to what", async () => {
    const scaled = await scaleService(asMember(ctx, own, "owner"), serviceId, { replicas: 3 });
    expect(scaled).toMatchObject({ id: serviceId, name: "web", replicas: 3 });
    expect(await replicasOf(serviceId)).toBe(3);
    const entry = await ctx.db.auditEntry.findFirstOrThrow({
      where: { action: "service.scaled", targetId: serviceId },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({ tenantId: own, diff: { before: { replicas: 0 }, after: { replicas: 3 } } });
  });

  it("answers a viewer 403, another tenant's owner and a non-id 404, and changes nothing", async () => {
    const before = await auditCount();
    const refused = await scaleService(asMember(ctx, own, "viewer"), serviceId, { replicas: 5 }).catch(
      (e: unknown) => e,
    );
    expect(toAppError(refused)).toMatchObject({
      code: "forbidden",
      message: "Your role does not allow you to scale this project's services.",
    });
    await expect(scaleService(asMember(ctx, other, "owner"), serviceId, { replicas: 5 })).rejects.toMatchObject({
      code: "not_found",
      message: "Service was not found.",
    });
    await expect(scaleService(ctx, "../etc", { replicas: 5 })).rejects.toMatchObject({ code: "not_found" });
    expect(await replicasOf(serviceId)).toBe(3);
    expect(await auditCount()).toBe(before);
  });

  it("refuses what is not a replica count with a message saying what to send", async () => {
    const before = await auditCount();
    for (const body of [{}, { replicas: -1 }, { replicas: 101 }, { replicas: 1.5 }, { replicas: "2" }, null, []]) {
      const error = await scaleService(ctx, serviceId, body).catch((e: unknown) => e);
      expect(toAppError(error)?.code, JSON.stringify(body)).toBe("invalid");
    }
    await expect(scaleService(ctx, serviceId, { replicas: 2, image: "evil" })).rejects.toMatchObject({
      code: "invalid",
      fields: { body: expect.stringContaining("image") },
    });
    await expect(scaleService(ctx, serviceId, {})).rejects.toMatchObject({
      fields: { replicas: "Give the number of replicas, from 0 to 100." },
    });
    expect(await replicasOf(serviceId)).toBe(3);
    expect(await auditCount()).toBe(before);
  });

  it("refuses more replicas of a host port than nodes can hold, naming the field", async () => {
    await expect(scaleService(ctx, published, { replicas: 2 })).rejects.toMatchObject({
      code: "invalid",
      fields: { replicas: expect.stringMatching(/^Port 30990 is published on each node in host mode: at most 1/) },
    });
    expect(await replicasOf(published)).toBe(0);
  });

  it("answers 503 while Postgres cannot be reached", async () => {
    const down = { ...ctx, db: createDb(`postgresql://berth@127.0.0.1:${await closedPort()}/berth`) };
    const error = await scaleService(down, serviceId, { replicas: 1 }).catch((e: unknown) => e);
    expect(toAppError(error)?.code).toBe("unavailable");
  });
});
