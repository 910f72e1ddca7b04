import { can } from "@berth/policy";
import type { Context } from "../context";
import { notFound } from "../errors";
import { isUuid } from "../uuid";

/** A user the principal may manage. To anyone who may not manage users, every user is "not found". */
export async function getManagedUser(ctx: Context, id: string) {
  const user = isUuid(id) ? await ctx.db.user.findUnique({ where: { id } }) : null;
  if (!user || !can(ctx.principal, "user.manage")) {
    throw notFound("User", user && { targetType: "user", targetId: id });
  }
  return user;
}
