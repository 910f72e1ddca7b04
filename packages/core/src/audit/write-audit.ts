import { createHash } from "node:crypto";
import { Prisma } from "@berth/db";
import type { Principal } from "@berth/policy";
import { stringify } from "safe-stable-stringify";
import type { RequestMeta, Tx } from "../context";

export interface AuditInput {
  action: string;
  targetType: string;
  targetId?: string | null;
  tenantId?: string | null;
  diff?: { before?: unknown; after?: unknown } | null;
}

/** Keys whose values never enter the log, at any depth of a diff: passwords, secrets, tokens, keys. */
const SECRET_KEY = /pass|secret|token$|private|key$/i;

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) && v != null ? "[redacted]" : redact(v)]),
  );
}

/** Serialises writers so that each entry's prevHash is the hash of the entry before it. */
const AUDIT_CHAIN_LOCK = 0x6265727468; // "berth"
export const GENESIS_HASH = "0".repeat(64);

/** The fields an entry's hash covers, in a fixed order; keys sorted, since jsonb does not keep their order. */
export function auditHash(prevHash: string, e: Record<string, unknown>): string {
  const fields = [
    e.at instanceof Date ? e.at.toISOString() : e.at,
    e.actorType,
    e.actorId ?? null,
    e.tenantId ?? null,
    e.action,
    e.targetType,
    e.targetId ?? null,
    e.diff ?? null,
    e.ip ?? null,
    e.userAgent ?? null,
    e.requestId ?? null,
  ];
  return createHash("sha256")
    .update(prevHash)
    .update(String(stringify(fields)))
    .digest("hex");
}

function actorOf(p: Principal): { actorType: string; actorId: string | null } {
  if (p.kind === "user") return { actorType: "user", actorId: p.userId };
  if (p.kind === "token") return { actorType: "token", actorId: p.tokenId };
  if (p.kind === "system") return { actorType: "system", actorId: p.name };
  return { actorType: "anonymous", actorId: null };
}

/** Appends one entry to the hash-chained audit log, inside the caller's transaction. */
export async function writeAudit(tx: Tx, principal: Principal, request: RequestMeta, input: AuditInput) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const last = await tx.auditEntry.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const entry = {
    at: new Date(),
    ...actorOf(principal),
    tenantId: input.tenantId ?? null,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    // Stored as jsonb: hash exactly what will be read back.
    diff: input.diff ? (redact(JSON.parse(JSON.stringify(input.diff))) as Prisma.InputJsonObject) : null,
    ip: request.ip ?? null,
    userAgent: request.userAgent ?? null,
    requestId: request.requestId ?? null,
  };
  await tx.auditEntry.create({
    data: { ...entry, diff: entry.diff ?? Prisma.DbNull, prevHash, hash: auditHash(prevHash, entry) },
  });
}
