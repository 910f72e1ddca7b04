import { type Principal, visibleTenants } from "@berth/policy";

/**
 * The one helper that puts the principal's tenants into a query's `where`, for tenant-owned tables:
 * `findMany({ where: scopedTo(principal, { state: "active" }) })`. It ANDs the scope with `where`, so a key of
 * `where` (a `tenantId` of its own, say) can never replace the scope, nor the scope a key of `where`.
 */
export function scopedTo<W extends object>(principal: Principal, where: W = {} as W) {
  const tenants = visibleTenants(principal);
  return tenants === "all" ? { AND: [where] } : { AND: [where, { tenantId: { in: tenants } }] };
}

/** The same for the tenants table itself, whose own id is the tenant. */
export function tenantsVisibleTo<W extends object>(principal: Principal, where: W = {} as W) {
  const tenants = visibleTenants(principal);
  return tenants === "all" ? { AND: [where] } : { AND: [where, { id: { in: tenants } }] };
}
