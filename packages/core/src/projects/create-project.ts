import { imageReferenceProblem, projectNameRoom, serviceNameRoom } from "@berth/docker";
import { authorize } from "@berth/policy";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import type { Context } from "../context";
import { AppError, notFound, parseInput } from "../errors";
import { requestReconcile } from "../reconcile/request-reconcile";
import { slug } from "../slug";
import { findVisibleTenant } from "../tenants/find-visible-tenant";
import { storableText } from "../text";
import { checkServicesFitFence, reservePorts } from "./fence-services";

const port = (missing: string) =>
  z.number(missing).int().min(1, "Use a port from 1 to 65535.").max(65535, "Use a port from 1 to 65535.");

export const replicasInput = z
  .number("Give the number of replicas, from 0 to 100.")
  .int("Use 0 to 100 replicas.")
  .min(0, "Use 0 to 100 replicas.")
  .max(100, "Use 0 to 100 replicas.");

export const serviceInput = z.object({
  name: slug,
  image: storableText()
    .trim()
    .max(1024, "Use at most 1024 characters.")
    .superRefine((image, ctx) => {
      const problem = imageReferenceProblem(image);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  command: z.array(storableText().max(4096)).max(64).default([]),
  replicas: replicasInput.default(1),
  ports: z
    .array(
      z.object({
        target: port("Give the container port."),
        published: port("Give the host port to publish on, from the range the operator allows.").describe(
          "the host port, from the range the operator allows (BERTH_PUBLISHED_PORTS, 30000-32767 by default)",
        ),
      }),
    )
    .max(20)
    .default([])
    .refine((ports) => new Set(ports.map((p) => p.target)).size === ports.length, "Publish each container port once."),
});

type ServiceData = z.infer<typeof serviceInput>;

export const createProjectInput = z
  .object({
    tenant: slug,
    name: slug,
    services: z
      .array(serviceInput)
      .min(1, "Add at least one service.")
      .max(50)
      .refine((s) => new Set(s.map((x) => x.name)).size === s.length, "Give each service its own name."),
  })
  .superRefine(({ tenant, name, services }, ctx) => {
    const tooLong = (length: number, room: number, where: string, what: string) =>
      `Too long by ${length - room}: ${where}, ${what} has room for ${room} characters (Swarm names have at most 63).`;
    const projectRoom = projectNameRoom(tenant);
    if (name.length > projectRoom) {
      ctx.addIssue({
        code: "custom",
        path: ["name"],
        message: tooLong(name.length, projectRoom, `in tenant ${tenant}`, "a project name"),
      });
      return;
    }
    const serviceRoom = serviceNameRoom({ tenant, project: name });
    services.forEach((s, i) => {
      if (s.name.length > serviceRoom) {
        const message = tooLong(s.name.length, serviceRoom, `in ${tenant}_${name}`, "a service name");
        ctx.addIssue({ code: "custom", path: ["services", i, "name"], message });
      }
    });
    publishedTwice(services).forEach(({ path, port }) => {
      ctx.addIssue({ code: "custom", path, message: `Port ${port} is published twice in this project.` });
    });
  });

/** Where a host port is published again after its first use in the project. */
function publishedTwice(services: ServiceData[]) {
  const seen = new Set<number>();
  return services.flatMap((s, i) =>
    s.ports.flatMap((p, j) => {
      if (!seen.has(p.published)) {
        seen.add(p.published);
        return [];
      }
      return [{ path: ["services", i, "ports", j, "published"], port: p.published }];
    }),
  );
}

/**
 * Records the project's desired state, with its host ports reserved; the worker's reconciler then creates it in
 * Swarm.
 */
export async function createProject(ctx: Context, input: unknown) {
  const data = parseInput(createProjectInput, input);
  const tenant = await findVisibleTenant(ctx, data.tenant);
  if (!tenant) throw notFound(`Tenant ${data.tenant}`);
  authorize(ctx.principal, "project.create", { tenantId: tenant.id });
  await checkServicesFitFence(ctx, data.services);
  return ctx.db.$transaction(async (tx) => {
    if (await tx.project.findUnique({ where: { tenantId_slug: { tenantId: tenant.id, slug: data.name } } })) {
      throw new AppError("conflict", `Tenant ${tenant.slug} has a project named ${data.name} already.`, {
        name: "Already taken in this tenant.",
      });
    }
    const project = await tx.project.create({
      data: {
        tenantId: tenant.id,
        slug: data.name,
        name: data.name,
        services: { create: data.services.map((s) => ({ ...s, tenantId: tenant.id })) },
      },
      include: { services: true },
    });
    await reservePorts(tx, project, data.services);
    await writeAudit(tx, ctx.principal, ctx.request, {
      action: "project.created",
      targetType: "project",
      targetId: project.id,
      tenantId: tenant.id,
      diff: { after: data },
    });
    await requestReconcile(tx, project.id);
    return project;
  });
}
