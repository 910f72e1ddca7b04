import type { Principal } from "@berth/policy";

/**
 * The one helper that puts the principal's tenants into a query's `where`: platform staff and the system see every
 * tenant; anyone else sees none until tenant memberships exist.
 */
export function scopedTo(principal: Principal): { tenantId?: { in: string[] } } {
  if (principal.kind === "system" || principal.platformRole) return {};
  return { tenantId: { in: [] } };
}
