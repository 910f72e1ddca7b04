import { scopedTo } from "@berth/db";
import type { Context } from "../context";

export async function listProjects(ctx: Context) {
  return ctx.db.project.findMany({
    where: scopedTo(ctx.principal),
    include: { tenant: { select: { slug: true, name: true } }, _count: { select: { services: true } } },
    orderBy: [{ tenant: { slug: "asc" } }, { slug: "asc" }],
  });
}
