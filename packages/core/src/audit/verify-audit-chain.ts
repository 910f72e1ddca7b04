import type { Db } from "@berth/db";
import { authorize } from "@berth/policy";
import type { Context } from "../context";
import { parseInput } from "../errors";
import { auditHeadInput, checkedHead, type SigningContext } from "./audit-head";
import { auditHash, GENESIS_HASH } from "./write-audit";

export interface ChainReport {
  ok: boolean;
  count: number;
  firstBrokenId: string | null;
}

/** Against a saved head: whether its entry is still there with the same hash, and what that means. */
export interface HeadReport extends ChainReport {
  head: { id: string; hash: string; status: "present" | "missing" | "changed" };
  message: string;
}

/** Recomputes every entry's hash in order; the first entry that does not match breaks the chain. Admins only. */
export async function verifyAuditChain(ctx: Pick<Context, "db" | "principal">, batchSize = 1000): Promise<ChainReport> {
  authorize(ctx.principal, "audit.read_all");
  return walkChain(ctx.db, batchSize);
}

/**
 * Recomputes the chain and checks it still reaches a head saved earlier (GET /api/v1/audit/head): entries deleted from
 * the end (truncation) or rewritten with a fresh chain both show, though the table alone would look intact. Admins only.
 */
export async function verifyAuditChainToHead(
  ctx: SigningContext,
  input: unknown,
  batchSize = 1000,
): Promise<HeadReport> {
  authorize(ctx.principal, "audit.read_all");
  const head = checkedHead(ctx.secretKeys, parseInput(auditHeadInput, input).head);
  const chain = await walkChain(ctx.db, batchSize);
  const entry =
    head.id === "0"
      ? { id: 0n, hash: GENESIS_HASH }
      : await ctx.db.auditEntry.findUnique({ where: { id: BigInt(head.id) }, select: { id: true, hash: true } });
  const status = !entry ? "missing" : entry.hash === head.hash ? "present" : "changed";
  const newest = await ctx.db.auditEntry.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  const report = { ...chain, ok: chain.ok && status === "present", head: { ...head, status } } as const;
  if (!chain.ok) {
    return {
      ...report,
      message: `Entry ${chain.firstBrokenId} does not follow from the one before it: an entry was changed or entries were deleted there.`,
    };
  }
  if (status === "missing" && (newest?.id ?? 0n) < BigInt(head.id)) {
    return {
      ...report,
      message: `Entries up to ${head.id} are missing: the log ends at ${newest?.id ?? 0}, before the saved head.`,
    };
  }
  if (status !== "present") {
    return {
      ...report,
      firstBrokenId: head.id,
      message: `Entry ${head.id} is not the one saved: the log up to it was rewritten.`,
    };
  }
  return { ...report, message: `Intact: ${chain.count} entries, the saved head ${head.id} among them.` };
}

async function walkChain(db: Db, batchSize: number): Promise<ChainReport> {
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
