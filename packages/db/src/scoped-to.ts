import { type Action, type Principal, tenantsWhere } from "@berth/policy";

/**
 * The one helper that puts the principal's tenants into a query's `where`, for tenant-owned tables:
 * `findMany({ where: scopedTo(principal, { state: "active" }) })` keeps the rows of the tenants in which the principal
 * may `action` (see them, by default). It ANDs the scope with `where`, so a key of `where` (a `tenantId` of its own,
 * say) can never replace the scope, nor the scope a key of `where`.
 */
export function scopedTo<W extends object>(principal: Principal, where: W = {} as W, action: Action = "tenant.read") {
  const tenants = tenantsWhere(principal, action);
  return tenants === "all" ? { AND: [where] } : { AND: [where, { tenantId: { in: tenants } }] };
}

/** The same for the tenants table itself, whose own id is the tenant. */
export function tenantsVisibleTo<W extends object>(principal: Principal, where: W = {} as W) {
  const tenants = tenantsWhere(principal, "tenant.read");
  return tenants === "all" ? { AND: [where] } : { AND: [where, { id: { in: tenants } }] };
}
