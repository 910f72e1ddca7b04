import { describe, expect, it } from "vitest";
import {
  type Action,
  ALL_ACTIONS,
  authorize,
  authorizeUser,
  can,
  ForbiddenError,
  mayDoAnything,
  type Principal,
  type Roles,
  scopeOf,
  type TokenGrant,
  tenantsWhere,
  tokenPrincipal,
} from "./index";

const OWN = "tenant-a";
const OTHER = "tenant-b";

const principals: Record<string, Principal> = {
  admin: { kind: "user", userId: "u1", email: "a@x.test", platformRole: "admin", memberships: [] },
  operator: { kind: "user", userId: "u2", email: "o@x.test", platformRole: "operator", memberships: [] },
  owner: {
    kind: "user",
    userId: "u3",
    email: "w@x.test",
    platformRole: null,
    memberships: [{ tenantId: OWN, role: "owner" }],
  },
  viewer: {
    kind: "user",
    userId: "u4",
    email: "v@x.test",
    platformRole: null,
    memberships: [{ tenantId: OWN, role: "viewer" }],
  },
  nobody: { kind: "user", userId: "u5", email: "n@x.test", platformRole: null, memberships: [] },
};

// Every role × every action, on the principal's own tenant and on another one. `true` is "allowed".
// Columns: admin, operator, owner (own tenant), owner (other tenant), viewer (own), viewer (other), no role.
const Y = true;
const N = false;
const table: Record<Action, [boolean, boolean, boolean, boolean, boolean, boolean, boolean]> = {
  "tenant.create": [Y, N, N, N, N, N, N],
  "tenant.read": [Y, Y, Y, N, Y, N, N],
  "member.manage": [Y, N, Y, N, N, N, N],
  "user.manage": [Y, N, N, N, N, N, N],
  "project.create": [Y, Y, Y, N, N, N, N],
  "project.read": [Y, Y, Y, N, Y, N, N],
  "project.delete": [Y, Y, Y, N, N, N, N],
  "service.read": [Y, Y, Y, N, Y, N, N],
  "service.scale": [Y, Y, Y, N, N, N, N],
  "token.manage": [Y, N, Y, N, N, N, N],
  "token.manage_all": [Y, N, N, N, N, N, N],
  "audit.read": [Y, N, Y, N, N, N, N],
  "audit.read_all": [Y, N, N, N, N, N, N],
  "platform.inspect": [Y, N, N, N, N, N, N],
  "account.change_password": [Y, Y, Y, Y, Y, Y, Y],
  "account.issue_token": [Y, Y, Y, Y, Y, Y, Y],
};
/** The actions roles decide (an account action is any signed-in user's, and never a token's). */
const ROLE_ACTIONS = ALL_ACTIONS.filter((action) => scopeOf(action) !== "account");

describe("can", () => {
  it("has a row for every action", () => {
    expect(Object.keys(table).sort()).toEqual([...ALL_ACTIONS].sort());
  });

  for (const [action, row] of Object.entries(table) as [Action, boolean[]][]) {
    it(`${action}`, () => {
      const actual = [
        can(principals.admin as Principal, action, { tenantId: OWN }),
        can(principals.operator as Principal, action, { tenantId: OWN }),
        can(principals.owner as Principal, action, { tenantId: OWN }),
        can(principals.owner as Principal, action, { tenantId: OTHER }),
        can(principals.viewer as Principal, action, { tenantId: OWN }),
        can(principals.viewer as Principal, action, { tenantId: OTHER }),
        can(principals.nobody as Principal, action, { tenantId: OWN }),
      ];
      expect(actual).toEqual(row);
    });
  }

  it("lets the system principal (the reconciler) do everything", () => {
    for (const action of ALL_ACTIONS) {
      expect(can({ kind: "system", name: "reconciler" }, action, { tenantId: OWN })).toBe(true);
    }
  });

  it("lets an API token its creator still may use do exactly what a user with the token's roles may do", () => {
    for (const user of Object.values(principals)) {
      if (user.kind !== "user") continue;
      const { platformRole, memberships } = user;
      const creator = { platformRole, memberships };
      const token: Principal = { kind: "token", tokenId: "t1", name: "ci", platformRole, memberships, creator };
      for (const action of ROLE_ACTIONS) {
        for (const tenantId of [OWN, OTHER])
          expect(can(token, action, { tenantId })).toBe(can(user, action, { tenantId }));
      }
    }
  });

  // A token does what both its role and its creator's current roles allow. Each row: the token's role, the roles its
  // creator has now, and the user the token then acts like (null: like nobody, so it no longer works at all).
  const platformToken = (role: "admin" | "operator"): TokenGrant => ({
    tokenId: "t",
    name: "ci",
    platformRole: role,
    tenantId: null,
    tenantRole: null,
  });
  const tenantToken = (role: "owner" | "viewer"): TokenGrant => ({
    tokenId: "t",
    name: "ci",
    platformRole: null,
    tenantId: OWN,
    tenantRole: role,
  });
  const narrowing: [string, TokenGrant, Roles, keyof typeof principals | null][] = [
    ["an admin's admin token", platformToken("admin"), principals.admin as Roles, "admin"],
    ["an admin's operator token", platformToken("operator"), principals.admin as Roles, "operator"],
    ["an admin token of a creator now operator", platformToken("admin"), principals.operator as Roles, "operator"],
    [
      "an operator token of a creator with no platform role",
      platformToken("operator"),
      principals.owner as Roles,
      null,
    ],
    ["an owner's viewer token", tenantToken("viewer"), principals.owner as Roles, "viewer"],
    ["an owner token of a creator now viewer", tenantToken("owner"), principals.viewer as Roles, "viewer"],
    ["an owner token of a creator removed from the tenant", tenantToken("owner"), principals.nobody as Roles, null],
    ["an owner token of an admin who is no member", tenantToken("owner"), principals.admin as Roles, "owner"],
  ];
  for (const [name, grant, creator, actsLike] of narrowing) {
    it(`narrows ${name} to what its creator may do now`, () => {
      const token = tokenPrincipal(grant, creator);
      const like = principals[actsLike ?? "nobody"] as Principal;
      for (const action of ROLE_ACTIONS) {
        for (const tenantId of [OWN, OTHER])
          expect(can(token, action, { tenantId })).toBe(can(like, action, { tenantId }));
        expect(tenantsWhere(token, action)).toEqual(tenantsWhere(like, action));
      }
      expect(mayDoAnything(token)).toBe(actsLike !== null);
    });
  }

  it("narrows an owner token of an admin demoted to operator to what both an owner and an operator may do", () => {
    const token = tokenPrincipal(tenantToken("owner"), principals.operator as Roles);
    expect(ALL_ACTIONS.filter((action) => can(token, action, { tenantId: OWN }))).toEqual([
      "tenant.read",
      "project.create",
      "project.read",
      "project.delete",
      "service.read",
      "service.scale",
    ]);
    expect(ALL_ACTIONS.filter((action) => can(token, action, { tenantId: OTHER }))).toEqual([]);
  });

  it("counts only the creator's rights in the token's scope", () => {
    // The creator's membership elsewhere gives a platform token nothing, and is not carried by a tenant token.
    const platform = tokenPrincipal(platformToken("admin"), principals.owner as Roles);
    expect(mayDoAnything(platform)).toBe(false);
    const elsewhere = { platformRole: null, memberships: [{ tenantId: OTHER, role: "owner" as const }] };
    expect(tokenPrincipal(tenantToken("owner"), elsewhere)).toMatchObject({ creator: { memberships: [] } });
  });

  it("lets any signed-in user act on its own account, and never a token", () => {
    const token = tokenPrincipal(
      { tokenId: "t", name: "ci", platformRole: "admin", tenantId: null, tenantRole: null },
      principals.admin as Roles,
    );
    for (const action of ALL_ACTIONS.filter((a) => scopeOf(a) === "account")) {
      expect(can(principals.nobody as Principal, action)).toBe(true);
      expect(can(token, action)).toBe(false);
      expect(tenantsWhere(token, action)).toEqual([]);
      expect(tenantsWhere(principals.nobody as Principal, action)).toBe("all");
      expect(() => authorizeUser(token, action)).toThrow(ForbiddenError);
      expect(() => authorizeUser({ kind: "system", name: "reconciler" }, action)).toThrow(ForbiddenError);
      expect(() => authorizeUser(principals.viewer as Principal, action)).not.toThrow();
    }
  });

  it("takes a tenant action only with its tenant: asking without one is a programming error", () => {
    for (const action of ALL_ACTIONS.filter((a) => scopeOf(a) === "tenant")) {
      expect(() => can(principals.admin as Principal, action)).toThrow(
        new TypeError(`${action} is done in a tenant: pass its tenantId, or ask tenantsWhere.`),
      );
    }
    expect(can(principals.admin as Principal, "tenant.create")).toBe(true);
  });

  it("carries a tenant role only with its tenant", () => {
    const odd = { tokenId: "t", name: "ci", platformRole: "operator" as const, tenantId: OWN, tenantRole: null };
    expect(tokenPrincipal(odd, principals.admin as Roles)).toMatchObject({ memberships: [] });
  });

  it("lets the system principal act in every tenant", () => {
    for (const action of ALL_ACTIONS) expect(tenantsWhere({ kind: "system", name: "reconciler" }, action)).toBe("all");
  });

  it("lets an anonymous caller do nothing", () => {
    for (const action of ALL_ACTIONS) expect(can({ kind: "anonymous" }, action, { tenantId: OWN })).toBe(false);
    expect(tenantsWhere({ kind: "anonymous" }, "tenant.read")).toEqual([]);
  });

  it("authorize lets through what can allows", () => {
    expect(() => authorize(principals.owner as Principal, "project.create", { tenantId: OWN })).not.toThrow();
  });

  it("authorize throws a ForbiddenError a person can read", () => {
    const refusal = (() => {
      try {
        authorize(principals.viewer as Principal, "member.manage", { tenantId: OWN });
      } catch (error) {
        return error as Error;
      }
    })();
    expect(refusal?.name).toBe("ForbiddenError");
    expect(() => authorize(principals.viewer as Principal, "project.create", { tenantId: OWN })).toThrow(
      new ForbiddenError("project.create", { tenantId: OWN }),
    );
    expect(() => authorize(principals.operator as Principal, "tenant.create")).toThrow(
      "Your role does not allow you to create tenants.",
    );
  });
});

describe("tenantsWhere", () => {
  it("is every tenant for platform roles that may, and the member tenants whose role may for everyone else", () => {
    expect(tenantsWhere(principals.operator as Principal, "tenant.read")).toBe("all");
    expect(tenantsWhere(principals.operator as Principal, "audit.read")).toEqual([]);
    expect(tenantsWhere(principals.owner as Principal, "audit.read")).toEqual([OWN]);
    expect(tenantsWhere(principals.viewer as Principal, "tenant.read")).toEqual([OWN]);
    expect(tenantsWhere(principals.viewer as Principal, "audit.read")).toEqual([]);
    expect(tenantsWhere(principals.nobody as Principal, "tenant.read")).toEqual([]);
  });
});
