import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { deriveKey, keyIdOf, keysOf, type SecretKeys } from "./secret-keys";

/** Sealed values look like `v1:<key id>:<iv>:<ciphertext and tag>`, the last two in base64url. */
const VERSION = "v1";
const LABEL = "berth seal v1";
const TAG_BYTES = 16;

export class SealError extends Error {
  override name = "SealError";
}

/** Encrypts `plaintext` with AES-256-GCM under the current key; the result names the key it was sealed under. */
export function seal(plaintext: string, keys: SecretKeys): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(keys.current, LABEL), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, keyIdOf(keys.current), iv.toString("base64url"), body.toString("base64url")].join(":");
}

/** Decrypts a value `seal` made under the current or the previous key; anything altered or unknown throws. */
export function unseal(sealed: string, keys: SecretKeys): string {
  const [version, keyId, iv, body, ...rest] = sealed.split(":");
  if (version !== VERSION || !keyId || !iv || !body || rest.length) {
    throw new SealError("This is not a sealed value (v1:<key id>:<iv>:<data>).");
  }
  const key = keysOf(keys).find((k) => keyIdOf(k) === keyId);
  if (!key) {
    throw new SealError(
      `This value was sealed under key ${keyId}, which is neither BERTH_SECRET_KEY nor BERTH_SECRET_KEY_PREVIOUS.`,
    );
  }
  const data = Buffer.from(body, "base64url");
  try {
    const decipher = createDecipheriv("aes-256-gcm", deriveKey(key, LABEL), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new SealError(`This sealed value (key ${keyId}) was altered or is damaged: it cannot be opened.`);
  }
}
