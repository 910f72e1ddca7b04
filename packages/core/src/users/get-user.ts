import type { Context } from "../context";
import { getManagedUser } from "./get-managed-user";

/** A user as an admin sees it: role, where it is a member, how many sessions it has open; never its password hash. */
export async function getUser(ctx: Context, id: string) {
  const user = await getManagedUser(ctx, id);
  const [memberships, sessions] = await Promise.all([
    ctx.db.membership.findMany({
      where: { userId: user.id },
      include: { tenant: { select: { id: true, slug: true, name: true } } },
      orderBy: { tenant: { slug: "asc" } },
    }),
    ctx.db.session.count({ where: { userId: user.id, expiresAt: { gt: new Date() } } }),
  ]);
  return {
    id: user.id,
    email: user.email,
    platformRole: user.platformRole,
    signsInThroughLdap: user.passwordHash === null,
    createdAt: user.createdAt,
    memberships: memberships.map((m) => ({ tenant: m.tenant, role: m.role })),
    openSessions: sessions,
  };
}
