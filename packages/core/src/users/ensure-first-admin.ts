import { randomBytes } from "node:crypto";
import type { Db } from "@berth/db";
import { writeAudit } from "../audit/write-audit";
import { hashPassword } from "../auth/password";

/**
 * On a database with no users, creates the first admin with a random password and returns that password (shown
 * once, stored only hashed; the admin must replace it at its first sign-in). Returns null when users exist already.
 */
export async function ensureFirstAdmin(db: Db, email: string): Promise<string | null> {
  if ((await db.user.count()) > 0) return null;
  const password = randomBytes(18).toString("base64url");
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    // Two starting processes may race: the unique email decides, and the loser reports nothing.
    const created = await tx.user.createManyAndReturn({
      data: [{ email: email.toLowerCase(), passwordHash, platformRole: "admin", passwordChangeRequired: true }],
      skipDuplicates: true,
    });
    const user = created[0];
    if (!user) return null;
    await writeAudit(
      tx,
      { kind: "system", name: "quickstart" },
      {},
      {
        action: "user.created",
        targetType: "user",
        targetId: user.id,
        diff: { after: { email: user.email, platformRole: "admin" } },
      },
    );
    return password;
  });
}
