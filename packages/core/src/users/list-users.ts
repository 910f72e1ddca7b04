import { authorize } from "@berth/policy";
import type { Context } from "../context";

export async function listUsers(ctx: Context) {
  authorize(ctx.principal, "user.manage");
  return ctx.db.user.findMany({
    select: { id: true, email: true, platformRole: true, createdAt: true },
    orderBy: { email: "asc" },
  });
}
