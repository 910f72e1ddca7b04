import type { Context } from "../context";
import { getTenant } from "../tenants/get-tenant";

export async function listMembers(ctx: Context, tenantId: string) {
  const tenant = await getTenant(ctx, tenantId);
  const memberships = await ctx.db.membership.findMany({
    where: { tenantId: tenant.id },
    include: { user: { select: { email: true } } },
    orderBy: { user: { email: "asc" } },
  });
  return memberships.map((m) => ({ userId: m.userId, email: m.user.email, role: m.role }));
}
