/**
 * The one place that answers "may this principal do this to that?". Routes, pages and use-cases ask `can` or
 * `authorize`; nothing else looks at roles.
 */

export type PlatformRole = "admin" | "operator";
export type TenantRole = "owner" | "viewer";

export interface Membership {
  tenantId: string;
  role: TenantRole;
}

/** Users and API tokens carry roles; the system (reconciler, migrations) may do anything; anonymous nothing. */
export type Principal =
  | { kind: "user"; userId: string; email: string; platformRole: PlatformRole | null; memberships: Membership[] }
  | { kind: "token"; tokenId: string; name: string; platformRole: PlatformRole | null; memberships: Membership[] }
  | { kind: "system"; name: string }
  | { kind: "anonymous" };

/** Every action, with the words a refusal uses for it. */
const ACTIONS = {
  "tenant.create": "create tenants",
  "tenant.read": "see this tenant",
  "member.manage": "manage this tenant's members",
  "user.manage": "manage users",
  "project.create": "create projects in this tenant",
  "project.read": "see this project",
  "project.delete": "delete this project",
  "service.read": "see this project's services",
  "token.manage": "manage API tokens here",
  "audit.read": "read this audit log",
} as const;

export type Action = keyof typeof ACTIONS;
export const ALL_ACTIONS = Object.keys(ACTIONS) as Action[];

type Role = PlatformRole | TenantRole;

/** Who may do what. Platform roles act on every tenant; tenant roles only on their own tenant. */
export const GRANTS: Record<Role, ReadonlySet<Action>> = {
  admin: new Set(ALL_ACTIONS),
  operator: new Set<Action>(["tenant.read", "project.create", "project.read", "project.delete", "service.read"]),
  owner: new Set<Action>([
    "tenant.read",
    "member.manage",
    "project.create",
    "project.read",
    "project.delete",
    "service.read",
    "token.manage",
    "audit.read",
  ]),
  viewer: new Set<Action>(["tenant.read", "project.read", "service.read"]),
};

/** The resource an action targets: the tenant it belongs to, when there is one. */
export interface Resource {
  tenantId?: string;
}

export function can(principal: Principal, action: Action, resource: Resource = {}): boolean {
  if (principal.kind === "system") return true;
  if (principal.kind === "anonymous") return false;
  if (principal.platformRole && GRANTS[principal.platformRole].has(action)) return true;
  const membership = principal.memberships.find((m) => m.tenantId === resource.tenantId);
  return membership !== undefined && GRANTS[membership.role].has(action);
}

/** The tenants in which the principal may do `action`: every tenant, or a list (maybe empty). */
export function tenantsWhere(principal: Principal, action: Action): "all" | string[] {
  if (principal.kind === "system") return "all";
  if (principal.kind === "anonymous") return [];
  if (principal.platformRole && GRANTS[principal.platformRole].has(action)) return "all";
  return principal.memberships.filter((m) => GRANTS[m.role].has(action)).map((m) => m.tenantId);
}

export class ForbiddenError extends Error {
  override name = "ForbiddenError";
  constructor(
    readonly action: Action,
    readonly resource: Resource = {},
  ) {
    super(`Your role does not allow you to ${ACTIONS[action]}.`);
  }
}

/** Throws ForbiddenError unless `can` allows it. */
export function authorize(principal: Principal, action: Action, resource: Resource = {}): void {
  if (!can(principal, action, resource)) throw new ForbiddenError(action, resource);
}
