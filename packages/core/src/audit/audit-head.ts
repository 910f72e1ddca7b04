import { createHmac, timingSafeEqual } from "node:crypto";
import { authorize } from "@berth/policy";
import { z } from "zod";
import type { Context } from "../context";
import { invalidFields } from "../errors";
import { deriveKey, keysOf, type SecretKeys } from "../secrets/secret-keys";
import { GENESIS_HASH } from "./write-audit";

/** What signing and checking a head need: the database, who asks, and BERTH_SECRET_KEY (and the previous one). */
export type SigningContext = Pick<Context, "db" | "principal"> & { secretKeys: SecretKeys };

/** The newest entry of the log, signed: saved outside Berth, it later proves that nothing up to it was cut or rewritten. */
export interface AuditHead {
  id: string;
  hash: string;
  hmac: string;
}

const sign = (key: Buffer, id: string, hash: string) =>
  createHmac("sha256", deriveKey(key, "berth audit head")).update(`${id}:${hash}`).digest("hex");

/** A saved head as `verify?head=` takes it: `<id>:<hash>:<hmac>`. */
export const auditHeadInput = z.object({
  head: z
    .string()
    .regex(/^\d{1,19}:[0-9a-f]{64}:[0-9a-f]{64}$/, "Give a head as GET /api/v1/audit/head returned it: id:hash:hmac.")
    .describe("a saved head, id:hash:hmac"),
});

/** The head's id and hash, once its HMAC is checked against BERTH_SECRET_KEY or the previous key. */
export function checkedHead(keys: SecretKeys, head: string): { id: string; hash: string } {
  const [id = "", hash = "", hmac = ""] = head.split(":");
  const given = Buffer.from(hmac, "hex");
  if (!keysOf(keys).some((key) => timingSafeEqual(Buffer.from(sign(key, id, hash), "hex"), given))) {
    throw invalidFields({
      head: "Its signature does not match: it was not issued by this Berth, or BERTH_SECRET_KEY changed twice since.",
    });
  }
  return { id, hash };
}

/** The newest entry's id and hash with their HMAC (id 0 and the genesis hash for an empty log). Admins only. */
export async function getAuditHead(ctx: SigningContext): Promise<AuditHead> {
  authorize(ctx.principal, "audit.read_all");
  const newest = await ctx.db.auditEntry.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } });
  const id = newest?.id.toString() ?? "0";
  const hash = newest?.hash ?? GENESIS_HASH;
  return { id, hash, hmac: sign(ctx.secretKeys.current, id, hash) };
}
