import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SealError, seal, unseal } from "./seal";
import { secretKeysFrom } from "./secret-keys";

const keyA = randomBytes(32).toString("base64");
const keyB = randomBytes(32).toString("base64");
const beforeRotation = secretKeysFrom({ BERTH_SECRET_KEY: keyA });
const afterRotation = secretKeysFrom({ BERTH_SECRET_KEY: keyB, BERTH_SECRET_KEY_PREVIOUS: keyA });

describe("seal", () => {
  it("round-trips any text, and never seals the same text to the same value", () => {
    const text = "pässwörd 🔑 \u0000 end";
    const sealed = seal(text, beforeRotation);
    expect(sealed).toMatch(/^v1:[0-9a-f]{8}:[\w-]{16}:[\w-]+$/);
    expect(sealed).not.toContain("end");
    expect(unseal(sealed, beforeRotation)).toBe(text);
    expect(seal(text, beforeRotation)).not.toBe(sealed);
  });

  it("opens values sealed under the previous key after a rotation, and seals new ones under the new key", () => {
    const old = seal("s3cret", beforeRotation);
    expect(unseal(old, afterRotation)).toBe("s3cret");
    const fresh = seal("s3cret", afterRotation);
    expect(fresh.split(":")[1]).not.toBe(old.split(":")[1]);
    expect(unseal(fresh, afterRotation)).toBe("s3cret");
  });

  it("refuses a value that was altered", () => {
    const [version, keyId, iv, body = ""] = seal("s3cret", beforeRotation).split(":");
    const flipped = `${body.slice(0, 2)}${body[2] === "A" ? "B" : "A"}${body.slice(3)}`;
    expect(() => unseal([version, keyId, iv, flipped].join(":"), beforeRotation)).toThrow(
      new SealError(`This sealed value (key ${keyId}) was altered or is damaged: it cannot be opened.`),
    );
    expect(() => unseal("v1:xyz", beforeRotation)).toThrow(/not a sealed value/);
  });

  it("names the key id it does not have", () => {
    const sealed = seal("s3cret", afterRotation);
    const keyId = sealed.split(":")[1];
    expect(() => unseal(sealed, beforeRotation)).toThrow(
      `This value was sealed under key ${keyId}, which is neither BERTH_SECRET_KEY nor BERTH_SECRET_KEY_PREVIOUS.`,
    );
  });
});
