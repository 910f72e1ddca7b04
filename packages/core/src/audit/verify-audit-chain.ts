import { authorize } from "@berth/policy";
import type { Context } from "../context";
import { auditHash, GENESIS_HASH } from "./write-audit";

export interface ChainReport {
  ok: boolean;
  count: number;
  firstBrokenId: string | null;
}

/** Recomputes every entry's hash in order; the first entry that does not match breaks the chain. Admins only. */
export async function verifyAuditChain(ctx: Pick<Context, "db" | "principal">, batchSize = 1000): Promise<ChainReport> {
  authorize(ctx.principal, "audit.read");
  const { db } = ctx;
  let prevHash = GENESIS_HASH;
  let count = 0;
  let cursor: bigint | undefined;
  for (;;) {
    const batch = await db.auditEntry.findMany({
      where: cursor === undefined ? {} : { id: { gt: cursor } },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    for (const entry of batch) {
      if (entry.prevHash !== prevHash || auditHash(prevHash, entry) !== entry.hash) {
        return { ok: false, count, firstBrokenId: entry.id.toString() };
      }
      prevHash = entry.hash;
      count++;
    }
    if (batch.length < batchSize) return { ok: true, count, firstBrokenId: null };
    cursor = batch[batch.length - 1]?.id;
  }
}
