import { createHash, hkdfSync } from "node:crypto";
import type { Config } from "@berth/config";

/** BERTH_SECRET_KEY, and the key before the last rotation (BERTH_SECRET_KEY_PREVIOUS), as 32 raw bytes each. */
export interface SecretKeys {
  current: Buffer;
  previous?: Buffer;
}

export function secretKeysFrom(config: Pick<Config, "BERTH_SECRET_KEY" | "BERTH_SECRET_KEY_PREVIOUS">): SecretKeys {
  const previous = config.BERTH_SECRET_KEY_PREVIOUS;
  return {
    current: Buffer.from(config.BERTH_SECRET_KEY, "base64"),
    previous: previous ? Buffer.from(previous, "base64") : undefined,
  };
}

/** The current key first, then the previous one. */
export const keysOf = (keys: SecretKeys): Buffer[] => (keys.previous ? [keys.current, keys.previous] : [keys.current]);

/** Names a key without revealing it: the first 8 hex digits of its SHA-256. */
export const keyIdOf = (key: Buffer): string => createHash("sha256").update(key).digest("hex").slice(0, 8);

/** A key of its own for each use (`label`), derived with HKDF-SHA256, so that no two uses ever share a key. */
export const deriveKey = (key: Buffer, label: string): Buffer => Buffer.from(hkdfSync("sha256", key, "", label, 32));
