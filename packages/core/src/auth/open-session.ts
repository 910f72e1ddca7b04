import type { Context, Tx } from "../context";
import { hashSecret, newSecret } from "./secrets";

/** A new session for the user, with a new id; the returned token goes into the cookie. */
export async function openSession(tx: Tx, auth: Context["auth"], userId: string) {
  const token = newSecret();
  const expiresAt = new Date(Date.now() + auth.sessionLifetimeMs);
  await tx.session.create({ data: { id: hashSecret(token), userId, expiresAt } });
  return { token, expiresAt };
}
