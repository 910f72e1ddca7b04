import type { Tx } from "../context";
import { AppError } from "../errors";

/**
 * Refuses a change that would leave Berth without an admin. Locks the admins' rows, so that two admins demoting
 * each other at the same moment cannot both succeed.
 */
export async function keepAnAdmin(tx: Tx, losingAdminId: string) {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM users WHERE platform_role = 'admin' ORDER BY id FOR UPDATE`;
  if (admins.every((a) => a.id === losingAdminId)) {
    throw new AppError("conflict", "Berth needs an admin: make another user admin first.");
  }
}
