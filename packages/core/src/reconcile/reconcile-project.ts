import { constraintText, type PortInput, reconcileProjectServices, removeProject } from "@berth/docker";
import type { Principal } from "@berth/policy";
import { writeAudit } from "../audit/write-audit";
import type { Context } from "../context";

const RECONCILER: Principal = { kind: "system", name: "reconciler" };

type ReconcileContext = Pick<Context, "db" | "docker" | "fence" | "instance">;

/**
 * Makes Swarm match one project's desired state: an active project gets its network and services; a project being
 * deleted loses them, and then its record (its port reservations with it). Every service is placed by the fence's
 * constraints. Idempotent, so an interrupted run is finished by the next one.
 */
export async function reconcileProject(ctx: ReconcileContext, projectId: string) {
  const project = await ctx.db.project.findUnique({
    where: { id: projectId },
    include: { tenant: true, services: true },
  });
  if (!project) return null;
  const ref = { tenant: project.tenant.slug, project: project.slug, instance: ctx.instance };
  if (project.state === "deleting") {
    await removeProject(ctx.docker, ref);
    await ctx.db.$transaction(async (tx) => {
      await tx.project.delete({ where: { id: project.id } });
      await writeAudit(
        tx,
        RECONCILER,
        {},
        {
          action: "project.deleted",
          targetType: "project",
          targetId: project.id,
          tenantId: project.tenantId,
          diff: { before: { tenant: ref.tenant, name: project.slug } },
        },
      );
    });
    return { deleted: true as const };
  }
  const fence = ctx.fence.placement.map(constraintText);
  return reconcileProjectServices(
    ctx.docker,
    ref,
    project.services.map((s) => ({
      name: s.name,
      image: s.image,
      command: s.command,
      replicas: s.replicas,
      ports: s.ports as unknown as PortInput[],
      fence,
    })),
  );
}

/** Reconciles every project; one project's failure is reported and does not stop the others. */
export async function reconcileAll(ctx: ReconcileContext) {
  const projects = await ctx.db.project.findMany({ select: { id: true } });
  const failures: { projectId: string; error: Error }[] = [];
  for (const { id } of projects) {
    try {
      await reconcileProject(ctx, id);
    } catch (error) {
      failures.push({ projectId: id, error: error as Error });
    }
  }
  return { projects: projects.length, failures };
}
