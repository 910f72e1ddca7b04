import { scopedTo } from "@berth/db";
import { authorize } from "@berth/policy";
import type { Context } from "../context";
import { notFound, scopedMiss } from "../errors";
import { isUuid } from "../uuid";

/** One project with its tenant and desired services; another tenant's project is "not found", as a missing one. */
export async function getProject(ctx: Context, id: string) {
  if (!isUuid(id)) throw notFound("Project");
  const project = await ctx.db.project.findFirst({
    where: scopedTo(ctx.principal, { id }),
    include: { tenant: true, services: { orderBy: { name: "asc" } } },
  });
  if (!project) {
    throw await scopedMiss(
      "Project",
      { type: "project", id },
      ctx.db.project.findUnique({ where: { id }, select: { tenantId: true } }),
    );
  }
  authorize(ctx.principal, "project.read", { tenantId: project.tenantId });
  return project;
}
