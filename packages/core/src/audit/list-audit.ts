import { scopedTo } from "@berth/db";
import { ForbiddenError, type Roles, rolesAllow, tenantsWhere } from "@berth/policy";
import { z } from "zod";
import type { Context } from "../context";
import { parseInput } from "../errors";
import { singleLine } from "../text";

const instant = z.iso.datetime({ offset: true, message: "Give a time like 2026-11-27T09:00:00Z." });

/** The audit log's filters, from the query string. */
export const auditQueryInput = z.object({
  actor: singleLine().min(1).max(200).optional().describe("actor id: a user or token id, or a system name"),
  tenantId: z.uuid("Give a tenant id.").optional(),
  action: singleLine().min(1).max(100).optional().describe('exact ("project.created") or a prefix ("project.")'),
  targetType: singleLine().min(1).max(100).optional(),
  targetId: singleLine().min(1).max(200).optional(),
  from: instant.optional(),
  to: instant.optional(),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, "Give the nextCursor of the previous page.")
    .optional(),
  limit: z.coerce.number().int().min(1, "At least 1.").max(500, "At most 500.").default(100),
});
export type AuditQuery = z.infer<typeof auditQueryInput>;

/**
 * One page of the audit log, newest first, with the filters applied. Admins read every entry; a tenant owner reads
 * its tenants' entries.
 */
export async function listAudit(ctx: Context, input: Record<string, unknown>) {
  // A filter left empty in a form arrives as "": no filter.
  const query = parseInput(auditQueryInput, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== "")));
  const tenants = tenantsWhere(ctx.principal, "audit.read");
  if (tenants !== "all" && tenants.length === 0) throw new ForbiddenError("audit.read");
  const rows = await ctx.db.auditEntry.findMany({
    where: scopedTo(ctx.principal, whereOf(query), "audit.read"),
    orderBy: { id: "desc" },
    take: query.limit,
  });
  const actors = await actorsOf(ctx, rows);
  const entries = rows.map((row) => {
    const actor = row.actorId ? actors.get(row.actorId) : undefined;
    const entry = { ...row, id: row.id.toString(), actorEmail: actor?.email ?? null };
    // A customer reads who of another tenant knocked on its door as just that, never who or from where.
    const outsider = actor && !rolesAllow(actor, "tenant.read", { tenantId: row.tenantId ?? undefined });
    if (tenants === "all" || row.action !== "request.denied" || !outsider) return entry;
    return { ...entry, actorId: null, actorEmail: OUTSIDER, ip: null, userAgent: null };
  });
  const last = entries.at(-1);
  return { entries, nextCursor: entries.length === query.limit && last ? last.id : null };
}

function whereOf(query: AuditQuery) {
  return {
    actorId: query.actor,
    tenantId: query.tenantId,
    action: query.action?.endsWith(".") ? { startsWith: query.action } : query.action,
    targetType: query.targetType,
    targetId: query.targetId,
    at: { gte: query.from ? new Date(query.from) : undefined, lt: query.to ? new Date(query.to) : undefined },
    id: query.cursor ? { lt: BigInt(query.cursor) } : undefined,
  };
}

const OUTSIDER = "a user of another tenant";

/** The users and tokens that acted in `rows`: their email (users) and their roles. */
async function actorsOf(ctx: Context, rows: { actorType: string; actorId: string | null }[]) {
  const idsOf = (type: string) => [
    ...new Set(rows.filter((r) => r.actorType === type && r.actorId).map((r) => r.actorId as string)),
  ];
  const [users, tokens] = await Promise.all([
    ctx.db.user.findMany({
      where: { id: { in: idsOf("user") } },
      select: { id: true, email: true, platformRole: true, memberships: { select: { tenantId: true, role: true } } },
    }),
    ctx.db.apiToken.findMany({
      where: { id: { in: idsOf("token") } },
      select: { id: true, platformRole: true, tenantId: true, tenantRole: true },
    }),
  ]);
  const actors = new Map<string, Roles & { email: string | null }>();
  for (const u of users) actors.set(u.id, u);
  for (const t of tokens) {
    const memberships = t.tenantId && t.tenantRole ? [{ tenantId: t.tenantId, role: t.tenantRole }] : [];
    actors.set(t.id, { email: null, platformRole: t.platformRole, memberships });
  }
  return actors;
}
