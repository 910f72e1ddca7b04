import { describe, expect, it } from "vitest";
import { type Action, authorize, can, ForbiddenError, type Principal } from "./index";

const user = (platformRole: "admin" | "operator" | null): Principal => ({
  kind: "user",
  userId: "u1",
  email: "u@example.test",
  platformRole,
});

// Every role × every action; a new action must be added here to be allowed to anyone.
const table: Record<Action, { admin: boolean; operator: boolean; none: boolean }> = {
  "tenant.create": { admin: true, operator: false, none: false },
  "tenant.list": { admin: true, operator: true, none: false },
  "project.create": { admin: true, operator: true, none: false },
  "project.read": { admin: true, operator: true, none: false },
  "project.delete": { admin: true, operator: true, none: false },
  "service.read": { admin: true, operator: true, none: false },
};

describe("can", () => {
  for (const [action, expected] of Object.entries(table) as [Action, (typeof table)[Action]][]) {
    it(`${action}: admin ${expected.admin}, operator ${expected.operator}, no role ${expected.none}`, () => {
      expect(can(user("admin"), action)).toBe(expected.admin);
      expect(can(user("operator"), action)).toBe(expected.operator);
      expect(can(user(null), action)).toBe(expected.none);
    });
  }

  it("lets the system principal (the reconciler) do everything", () => {
    expect(can({ kind: "system", name: "reconciler" }, "project.delete")).toBe(true);
  });

  it("authorize throws a ForbiddenError a person can read", () => {
    expect(() => authorize(user("operator"), "tenant.create")).toThrow(new ForbiddenError("tenant.create"));
    expect(() => authorize(user("operator"), "tenant.create")).toThrow(
      "Your role does not allow you to create tenants.",
    );
  });
});
