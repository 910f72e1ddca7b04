import { authorize } from "@berth/policy";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import type { Context } from "../context";
import { AppError, parseInput } from "../errors";
import { replicasInput } from "../projects/create-project";
import { checkServicesFitFence } from "../projects/fence-services";
import { requestReconcile } from "../reconcile/request-reconcile";
import { findService } from "./find-service";

export const scaleServiceInput = z.object({ replicas: replicasInput }).strict();

/**
 * Sets how many replicas of a service Berth wants; the worker's reconciler then scales it in Swarm. Another tenant's
 * service is "not found", as a missing one.
 */
export async function scaleService(ctx: Context, id: string, input: unknown) {
  const service = await findService(ctx, id);
  authorize(ctx.principal, "service.scale", { tenantId: service.tenantId });
  const { replicas } = parseInput(scaleServiceInput, input);
  if (service.project.state === "deleting") throw new AppError("conflict", "This service's project is being deleted.");
  const ports = service.ports as { published: number }[];
  await checkServicesFitFence(ctx, [{ replicas, ports }], (_, field) => field);
  return ctx.db.$transaction(async (tx) => {
    const updated = await tx.service.update({
      where: { id: service.id },
      data: { replicas },
      select: { id: true, name: true, image: true, replicas: true, projectId: true },
    });
    await writeAudit(tx, ctx.principal, ctx.request, {
      action: "service.scaled",
      targetType: "service",
      targetId: service.id,
      tenantId: service.tenantId,
      diff: { before: { replicas: service.replicas }, after: { replicas } },
    });
    await requestReconcile(tx, service.projectId);
    return updated;
  });
}
