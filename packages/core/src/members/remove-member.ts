import { authorize } from "@berth/policy";
import { writeAudit } from "../audit/write-audit";
import type { Context } from "../context";
import { notFound } from "../errors";
import { getTenant } from "../tenants/get-tenant";
import { isUuid } from "../uuid";
import { keepAnOwner } from "./keep-an-owner";

export async function removeMember(ctx: Context, tenantId: string, userId: string) {
  const tenant = await getTenant(ctx, tenantId);
  authorize(ctx.principal, "member.manage", { tenantId: tenant.id });
  await ctx.db.$transaction(async (tx) => {
    const membership = isUuid(userId)
      ? await tx.membership.findUnique({ where: { tenantId_userId: { tenantId: tenant.id, userId } } })
      : null;
    if (!membership) throw notFound("Member");
    if (membership.role === "owner") await keepAnOwner(tx, tenant.id, membership.userId);
    await tx.membership.delete({ where: { id: membership.id } });
    await writeAudit(tx, ctx.principal, ctx.request, {
      action: "member.removed",
      targetType: "membership",
      targetId: membership.id,
      tenantId: tenant.id,
      diff: { before: { userId, role: membership.role } },
    });
  });
  return { removed: true };
}
