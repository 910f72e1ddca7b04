import type { Principal } from "@berth/policy";
import { describe, expect, it } from "vitest";
import { scopedTo, tenantsVisibleTo } from "./scoped-to";

const owner: Principal = {
  kind: "user",
  userId: "u",
  email: "o@x.test",
  platformRole: null,
  memberships: [{ tenantId: "t-a", role: "owner" }],
};
const operator: Principal = { ...owner, platformRole: "operator", memberships: [] };

describe("scopedTo", () => {
  it("ANDs the member tenants with the query, so neither can replace the other", () => {
    expect(scopedTo(owner, { tenantId: "t-b" })).toEqual({ AND: [{ tenantId: "t-b" }, { tenantId: { in: ["t-a"] } }] });
    expect(tenantsVisibleTo(owner, { id: "t-b" })).toEqual({ AND: [{ id: "t-b" }, { id: { in: ["t-a"] } }] });
  });

  it("leaves the query as it is for platform staff", () => {
    expect(scopedTo(operator, { id: "p" })).toEqual({ AND: [{ id: "p" }] });
    expect(tenantsVisibleTo(operator)).toEqual({ AND: [{}] });
  });
});
