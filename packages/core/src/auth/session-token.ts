import { createHash, randomBytes } from "node:crypto";

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_LIFETIME_MS = 12 * 60 * 60_000;

/** A new session secret for the cookie; only its hash is stored. */
export const newSessionToken = () => randomBytes(32).toString("base64url");
export const sessionIdOf = (token: string) => createHash("sha256").update(token).digest("hex");
