import type { Db } from "@berth/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownDatabase } from "../test-context";
import { verifyAuditChain } from "./verify-audit-chain";
import { writeAudit } from "./write-audit";

// A database of its own: this test tampers with the log behind the trigger's back.
let db: Db;
let drop: () => Promise<void>;
const system = { kind: "system", name: "test" } as const;

beforeAll(async () => {
  ({ db, drop } = await ownDatabase());
  for (const action of ["one", "two", "three"]) {
    await db.$transaction((tx) =>
      writeAudit(tx, system, { ip: "127.0.0.1" }, { action, targetType: "thing", diff: { after: { b: 1, a: [2] } } }),
    );
  }
});
afterAll(() => drop());

describe("the audit log", () => {
  it("chains each entry to the one before it, and verify proves the chain", async () => {
    const entries = await db.auditEntry.findMany({ orderBy: { id: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(["one", "two", "three"]);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(await verifyAuditChain({ db, principal: system })).toEqual({ ok: true, count: 3, firstBrokenId: null });
  });

  it("never stores a secret value, at any depth of a diff", async () => {
    const diff = { after: { name: "ci", password: "hunter2", env: [{ apiToken: "berth_x", KEY: "v" }], secret: null } };
    await db.$transaction((tx) => writeAudit(tx, system, {}, { action: "redact", targetType: "thing", diff }));
    const entry = await db.auditEntry.findFirstOrThrow({ where: { action: "redact" } });
    expect(entry.diff).toEqual({
      after: { name: "ci", password: "[redacted]", env: [{ apiToken: "[redacted]", KEY: "[redacted]" }], secret: null },
    });
  });

  it("rejects UPDATE and DELETE", async () => {
    await expect(db.$executeRaw`UPDATE audit_log SET action = 'forged'`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM audit_log`).rejects.toThrow(/append-only/);
  });

  it("reports the first entry edited behind the trigger's back", async () => {
    const second = (await db.auditEntry.findMany({ orderBy: { id: "asc" } }))[1];
    await db.$transaction([
      db.$executeRaw`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`,
      db.$executeRaw`UPDATE audit_log SET action = 'forged' WHERE id = ${second?.id}`,
      db.$executeRaw`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`,
    ]);
    expect(await verifyAuditChain({ db, principal: system })).toEqual({
      ok: false,
      count: 1,
      firstBrokenId: String(second?.id),
    });
  });
});
