import { describe, expect, it } from "vitest";
import { type Action, ALL_ACTIONS, authorize, can, ForbiddenError, type Principal, tenantsWhere } from "./index";

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
  "token.manage": [Y, N, Y, N, N, N, N],
  "audit.read": [Y, N, Y, N, N, N, N],
};

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
    for (const action of ALL_ACTIONS) expect(can({ kind: "system", name: "reconciler" }, action)).toBe(true);
  });

  it("lets an API token do exactly what a user with the token's roles may do", () => {
    for (const user of Object.values(principals)) {
      if (user.kind !== "user") continue;
      const { platformRole, memberships } = user;
      const token: Principal = { kind: "token", tokenId: "t1", name: "ci", platformRole, memberships };
      for (const action of ALL_ACTIONS) {
        for (const tenantId of [OWN, OTHER])
          expect(can(token, action, { tenantId })).toBe(can(user, action, { tenantId }));
      }
    }
  });

  it("lets an anonymous caller do nothing", () => {
    for (const action of ALL_ACTIONS) expect(can({ kind: "anonymous" }, action, { tenantId: OWN })).toBe(false);
    expect(tenantsWhere({ kind: "anonymous" }, "tenant.read")).toEqual([]);
  });

  it("authorize throws a ForbiddenError a person can read", () => {
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
