import { writeAudit } from "../audit/write-audit";
import type { Context } from "../context";
import type { LdapGroupMapping } from "./auth-settings";

type Role = LdapGroupMapping["role"];

/** The tenant roles an LDAP user's groups give, by tenant slug; owner wins over viewer. */
function rolesFromGroups(groupMap: LdapGroupMapping[], groups: string[]): Map<string, Role> {
  const roles = new Map<string, Role>();
  for (const mapping of groupMap) {
    if (groups.includes(mapping.dn) && roles.get(mapping.tenant) !== "owner") roles.set(mapping.tenant, mapping.role);
  }
  return roles;
}

/**
 * Creates or updates the Berth user of someone the directory has just authenticated, and makes its memberships
 * exactly what its LDAP groups map to (tenants that do not exist are skipped). Audited when anything changes.
 */
export async function provisionLdapUser(
  ctx: Pick<Context, "db" | "auth" | "request">,
  email: string,
  groups: string[],
) {
  const groupMap = ctx.auth.ldap?.groupMap ?? [];
  const roles = rolesFromGroups(groupMap, groups);
  return ctx.db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, include: { memberships: true } });
    const user =
      existing ?? (await tx.user.create({ data: { email, passwordHash: null }, include: { memberships: true } }));
    const tenants = await tx.tenant.findMany({ where: { slug: { in: [...roles.keys()] } } });
    const wanted = new Map(tenants.map((t) => [t.id, roles.get(t.slug) as Role]));
    const before = Object.fromEntries(user.memberships.map((m) => [m.tenantId, m.role]));
    const after = Object.fromEntries(wanted);
    await tx.membership.deleteMany({ where: { userId: user.id, tenantId: { notIn: [...wanted.keys()] } } });
    for (const [tenantId, role] of wanted) {
      await tx.membership.upsert({
        where: { tenantId_userId: { tenantId, userId: user.id } },
        create: { tenantId, userId: user.id, role },
        update: { role },
      });
    }
    if (!existing || JSON.stringify(before) !== JSON.stringify(after)) {
      await writeAudit(tx, { kind: "system", name: "ldap" }, ctx.request, {
        action: existing ? "user.ldap_roles_synced" : "user.created_from_ldap",
        targetType: "user",
        targetId: user.id,
        diff: { before: existing ? { email, memberships: before } : undefined, after: { email, memberships: after } },
      });
    }
    return tx.user.findUniqueOrThrow({ where: { id: user.id }, include: { memberships: true } });
  });
}
