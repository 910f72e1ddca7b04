import { authorize } from "@berth/policy";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import type { Context } from "../context";
import { AppError, notFound, parseInput } from "../errors";
import { requestReconcile } from "../reconcile/request-reconcile";
import { slug } from "../slug";
import { findVisibleTenant } from "../tenants/find-visible-tenant";

const port = z.number().int().min(1, "Use a port from 1 to 65535.").max(65535, "Use a port from 1 to 65535.");

export const serviceInput = z.object({
  name: slug,
  image: z
    .string()
    .trim()
    .min(1, "Enter an image, for example nginx:1.27.")
    .max(255)
    .regex(/^[a-z0-9][a-z0-9._\-/:@]*$/i, "Enter an image reference such as registry/name:tag."),
  command: z
    .array(
      z
        .string()
        .max(4096)
        .refine((arg) => !arg.includes("\0"), "An argument cannot contain NUL."),
    )
    .max(64)
    .default([]),
  replicas: z.number().int().min(0, "Use 0 to 100 replicas.").max(100, "Use 0 to 100 replicas.").default(1),
  ports: z
    .array(z.object({ target: port, published: port.optional() }))
    .max(20)
    .default([])
    .refine((ports) => new Set(ports.map((p) => p.target)).size === ports.length, "Publish each container port once."),
});

export const createProjectInput = z.object({
  tenant: slug,
  name: slug,
  services: z
    .array(serviceInput)
    .min(1, "Add at least one service.")
    .max(50)
    .refine((s) => new Set(s.map((x) => x.name)).size === s.length, "Give each service its own name."),
});

/** Records the project's desired state; the worker's reconciler then creates it in Swarm. */
export async function createProject(ctx: Context, input: unknown) {
  const data = parseInput(createProjectInput, input);
  const tenant = await findVisibleTenant(ctx, data.tenant);
  if (!tenant) throw notFound(`Tenant ${data.tenant}`);
  authorize(ctx.principal, "project.create", { tenantId: tenant.id });
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
