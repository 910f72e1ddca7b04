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

/** What a user holds: a platform role, and a role in some tenants. */
export interface Roles {
  platformRole: PlatformRole | null;
  memberships: Membership[];
}

/**
 * Users and API tokens carry roles; the system (reconciler, migrations) may do anything; anonymous nothing. A token
 * also carries its creator's current roles within the token's scope (see `tokenPrincipal`): it may do only what both
 * allow.
 */
export type Principal =
  | {
      kind: "user";
      userId: string;
      email: string;
      platformRole: PlatformRole | null;
      memberships: Membership[];
      /** Set until the user replaces a password someone else chose (the first admin's one-time password). */
      passwordChangeRequired?: boolean;
    }
  | ({ kind: "token"; tokenId: string; name: string; creator: Roles } & Roles)
  | { kind: "system"; name: string }
  | { kind: "anonymous" };

export type UserPrincipal = Extract<Principal, { kind: "user" }>;

/**
 * Every action: where it is done, and the words a refusal uses for it. A tenant action is done in one tenant, which
 * `can` must be told (`tenantsWhere` answers "in which tenants"); a platform action concerns no tenant; an account
 * action is a signed-in person's own (an API token never does one: a leaked token must not mint its successors).
 */
const ACTIONS = {
  "tenant.create": { scope: "platform", words: "create tenants" },
  "tenant.read": { scope: "tenant", words: "see this tenant" },
  "member.manage": { scope: "tenant", words: "manage this tenant's members" },
  "user.manage": { scope: "platform", words: "manage users" },
  "project.create": { scope: "tenant", words: "create projects in this tenant" },
  "project.read": { scope: "tenant", words: "see this project" },
  "project.delete": { scope: "tenant", words: "delete this project" },
  "service.read": { scope: "tenant", words: "see this project's services" },
  "service.scale": { scope: "tenant", words: "scale this project's services" },
  "token.manage": { scope: "tenant", words: "manage API tokens here" },
  "token.manage_all": { scope: "platform", words: "manage platform API tokens and see every API token" },
  "audit.read": { scope: "tenant", words: "read this audit log" },
  "audit.read_all": { scope: "platform", words: "read and verify the whole audit log" },
  "platform.inspect": { scope: "platform", words: "see the addresses of Berth's database and Docker" },
  "account.change_password": { scope: "account", words: "change a password: sign in as the user" },
  "account.issue_token": { scope: "account", words: "create API tokens: sign in as a user" },
} as const satisfies Record<string, { scope: "platform" | "tenant" | "account"; words: string }>;

export type Action = keyof typeof ACTIONS;
export const ALL_ACTIONS = Object.keys(ACTIONS) as Action[];
export const scopeOf = (action: Action) => ACTIONS[action].scope;

type Role = PlatformRole | TenantRole;

/** Who may do what. Platform roles act on every tenant; tenant roles only on their own tenant. */
export const GRANTS: Record<Role, ReadonlySet<Action>> = {
  admin: new Set(ALL_ACTIONS),
  operator: new Set<Action>([
    "tenant.read",
    "project.create",
    "project.read",
    "project.delete",
    "service.read",
    "service.scale",
  ]),
  owner: new Set<Action>([
    "tenant.read",
    "member.manage",
    "project.create",
    "project.read",
    "project.delete",
    "service.read",
    "service.scale",
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
  if (scopeOf(action) === "tenant" && resource.tenantId === undefined) {
    // A programming error, not a refusal: which tenant decides the answer.
    throw new TypeError(`${action} is done in a tenant: pass its tenantId, or ask tenantsWhere.`);
  }
  if (principal.kind === "system") return true;
  if (principal.kind === "anonymous") return false;
  if (scopeOf(action) === "account") return principal.kind === "user";
  const allowed = rolesAllow(principal, action, resource);
  return principal.kind === "token" ? allowed && rolesAllow(principal.creator, action, resource) : allowed;
}

/** Whether holders of these roles may do `action` (what `can` asks of a user's or a token's roles). */
export function rolesAllow(roles: Roles, action: Action, resource: Resource = {}): boolean {
  if (roles.platformRole && GRANTS[roles.platformRole].has(action)) return true;
  const membership = roles.memberships.find((m) => m.tenantId === resource.tenantId);
  return membership !== undefined && GRANTS[membership.role].has(action);
}

/** The tenants in which the principal may do `action`: every tenant, or a list (maybe empty). */
export function tenantsWhere(principal: Principal, action: Action): "all" | string[] {
  if (principal.kind === "system") return "all";
  if (principal.kind === "anonymous") return [];
  if (scopeOf(action) === "account") return principal.kind === "user" ? "all" : [];
  const tenants = rolesTenants(principal, action);
  return principal.kind === "token" ? bothOf(tenants, rolesTenants(principal.creator, action)) : tenants;
}

function rolesTenants(roles: Roles, action: Action): "all" | string[] {
  if (roles.platformRole && GRANTS[roles.platformRole].has(action)) return "all";
  return roles.memberships.filter((m) => GRANTS[m.role].has(action)).map((m) => m.tenantId);
}

function bothOf(a: "all" | string[], b: "all" | string[]): "all" | string[] {
  if (a === "all") return b;
  return b === "all" ? a : a.filter((tenantId) => b.includes(tenantId));
}

/** An API token as stored: a platform role, or a role in one tenant. */
export interface TokenGrant {
  tokenId: string;
  name: string;
  platformRole: PlatformRole | null;
  tenantId: string | null;
  tenantRole: TenantRole | null;
}

/**
 * The principal an API token acts as: its own role, narrowed to what its creator may do now. Only the creator's
 * rights in the token's scope count: for a platform token its platform role (not its tenants), for a tenant token
 * its platform role and its role in that tenant.
 */
export function tokenPrincipal(token: TokenGrant, creator: Roles): Principal {
  const { tokenId, name, platformRole, tenantId, tenantRole } = token;
  return {
    kind: "token",
    tokenId,
    name,
    platformRole,
    memberships: tenantId && tenantRole ? [{ tenantId, role: tenantRole }] : [],
    creator: {
      platformRole: creator.platformRole,
      memberships: creator.memberships.filter((m) => m.tenantId === tenantId),
    },
  };
}

/** Whether the principal may do anything at all (false for a token whose creator lost every right it stood for). */
export function mayDoAnything(principal: Principal): boolean {
  return ALL_ACTIONS.some((action) => {
    const tenants = tenantsWhere(principal, action);
    return tenants === "all" || tenants.length > 0;
  });
}

export class ForbiddenError extends Error {
  override name = "ForbiddenError";
  constructor(
    readonly action: Action,
    readonly resource: Resource = {},
  ) {
    super(`Your role does not allow you to ${ACTIONS[action].words}.`);
  }
}

/** Throws ForbiddenError unless `can` allows it. */
export function authorize(principal: Principal, action: Action, resource: Resource = {}): void {
  if (!can(principal, action, resource)) throw new ForbiddenError(action, resource);
}

/** `authorize` for an account action; afterwards the principal is known to be a signed-in user. */
export function authorizeUser(principal: Principal, action: Action): asserts principal is UserPrincipal {
  if (principal.kind !== "user" || !can(principal, action)) throw new ForbiddenError(action);
}
