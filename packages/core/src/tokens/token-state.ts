import type { Prisma } from "@berth/db";
import { mayDoAnything, type Principal, tokenPrincipal } from "@berth/policy";

/** What deciding whether a token works needs: its creator's current roles, and its tenant's slug for the reason. */
export const withCreator = {
  createdBy: { select: { email: true, platformRole: true, memberships: { select: { tenantId: true, role: true } } } },
  tenant: { select: { id: true, slug: true } },
} satisfies Prisma.ApiTokenInclude;

export type TokenWithCreator = Prisma.ApiTokenGetPayload<{ include: typeof withCreator }>;

/**
 * The principal a token acts as now (its role narrowed to what its creator may do now), or the reason it does not
 * work: revoked, expired, or its creator lost every right the token stood for.
 */
export function tokenState(row: TokenWithCreator, now: Date): { principal: Principal } | { inactiveReason: string } {
  if (row.revokedAt) return { inactiveReason: "This API token was revoked." };
  if (row.expiresAt && row.expiresAt <= now) return { inactiveReason: "This API token has expired." };
  const principal = tokenPrincipal({ ...row, tokenId: row.id }, row.createdBy);
  if (mayDoAnything(principal)) return { principal };
  const creator = `This API token's creator (${row.createdBy.email})`;
  return {
    inactiveReason: row.tenant
      ? `${creator} no longer has a role in tenant ${row.tenant.slug}; ask an owner of ${row.tenant.slug} for a new token.`
      : `${creator} no longer has a platform role; ask an admin for a new token.`,
  };
}
