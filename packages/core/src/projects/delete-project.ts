import { authorize } from "@berth/policy";
import { writeAudit } from "../audit/write-audit";
import type { Context } from "../context";
import { requestReconcile } from "../reconcile/request-reconcile";
import { getProject } from "./get-project";

/** Marks the project for deletion; the reconciler removes its services and network, then the record. */
export async function deleteProject(ctx: Context, id: string) {
  const project = await getProject(ctx, id);
  authorize(ctx.principal, "project.delete", { tenantId: project.tenantId });
  if (project.state === "deleting") return project;
  return ctx.db.$transaction(async (tx) => {
    const updated = await tx.project.update({ where: { id: project.id }, data: { state: "deleting" } });
    await writeAudit(tx, ctx.principal, ctx.request, {
      action: "project.deletion_requested",
      targetType: "project",
      targetId: project.id,
      tenantId: project.tenantId,
      diff: { before: { state: project.state }, after: { state: "deleting" } },
    });
    await requestReconcile(tx, project.id);
    return updated;
  });
}
