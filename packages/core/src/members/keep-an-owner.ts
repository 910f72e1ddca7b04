import type { Tx } from "../context";
import { AppError } from "../errors";

/**
 * Refuses a change that would take a tenant's last owner away (a tenant that never had one may stay so). Locks the
 * owners' rows, so that two owners removing each other at the same moment cannot both succeed.
 */
export async function keepAnOwner(tx: Tx, tenantId: string, losingOwnerId: string) {
  const owners = await tx.$queryRaw<{ userId: string }[]>`
    SELECT user_id::text AS "userId" FROM memberships
    WHERE tenant_id = ${tenantId}::uuid AND role = 'owner' ORDER BY user_id FOR UPDATE`;
  if (owners.every((o) => o.userId === losingOwnerId)) {
    throw new AppError("conflict", "The tenant needs an owner: make another member owner first.");
  }
}
