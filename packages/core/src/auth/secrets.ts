import { createHash, randomBytes } from "node:crypto";

/** A new random secret (a session cookie, an API token); only its hash is ever stored. */
export const newSecret = (prefix = "") => `${prefix}${randomBytes(32).toString("base64url")}`;

/** What is stored for a secret: its sha256, hex. */
export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");
