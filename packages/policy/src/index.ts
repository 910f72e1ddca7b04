/**
 * The one place that answers "may this principal do this to that?". Routes, pages and use-cases ask `can` or
 * `authorize`; nothing else looks at roles.
 */

export type PlatformRole = "admin" | "operator";

export type Principal =
  | { kind: "user"; userId: string; email: string; platformRole: PlatformRole | null }
  | { kind: "system"; name: string };

/** Every action, with the words a refusal uses for it. */
const ACTIONS = {
  "tenant.create": "create tenants",
  "tenant.list": "list tenants",
  "project.create": "create projects",
  "project.read": "see this project",
  "project.delete": "delete projects",
  "service.read": "see services",
} as const;

export type Action = keyof typeof ACTIONS;

/** The resource an action targets: the tenant it belongs to, when there is one. */
export interface Resource {
  tenantId?: string;
}

const PLATFORM_GRANTS: Record<PlatformRole, ReadonlySet<Action>> = {
  admin: new Set<Action>([
    "tenant.create",
    "tenant.list",
    "project.create",
    "project.read",
    "project.delete",
    "service.read",
  ]),
  operator: new Set<Action>(["tenant.list", "project.create", "project.read", "project.delete", "service.read"]),
};

export function can(principal: Principal, action: Action, _resource: Resource = {}): boolean {
  if (principal.kind === "system") return true;
  if (!principal.platformRole) return false;
  return PLATFORM_GRANTS[principal.platformRole].has(action);
}

export class ForbiddenError extends Error {
  override name = "ForbiddenError";
  constructor(readonly action: Action) {
    super(`Your role does not allow you to ${ACTIONS[action]}.`);
  }
}

/** Throws ForbiddenError unless `can` allows it. */
export function authorize(principal: Principal, action: Action, resource: Resource = {}): void {
  if (!can(principal, action, resource)) throw new ForbiddenError(action);
}
