import { hash, verify } from "@node-rs/argon2";
import { storableText } from "../text";

/** A new password's rules, wherever one is set. */
export const newPasswordField = storableText()
  .min(12, "Use at least 12 characters.")
  .max(1024, "Use at most 1024 characters.");

// argon2id with the OWASP-recommended minimum (19 MiB, 2 iterations); @node-rs/argon2 defaults to argon2id.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);

/** A hash of a random password: verified against when the account does not exist, so both take the same time. */
const DUMMY_HASH = hash(crypto.randomUUID(), OPTIONS);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  const ok = await verify(passwordHash ?? (await DUMMY_HASH), password);
  return passwordHash !== null && ok;
}
