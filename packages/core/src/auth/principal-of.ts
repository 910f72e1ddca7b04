import type { Principal } from "@berth/policy";

interface UserWithMemberships {
  id: string;
  email: string;
  platformRole: "admin" | "operator" | null;
  passwordChangeRequired: boolean;
  memberships: { tenantId: string; role: "owner" | "viewer" }[];
}

/** The principal a user acts as: its platform role and its role in each tenant. */
export function principalOf(user: UserWithMemberships): Principal {
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    platformRole: user.platformRole,
    passwordChangeRequired: user.passwordChangeRequired,
    memberships: user.memberships.map((m) => ({ tenantId: m.tenantId, role: m.role })),
  };
}
