import { createDb, type Db } from "@berth/db";
import type { Principal } from "@berth/policy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { secretKeysFrom } from "../secrets/secret-keys";
import { ownDatabase } from "../test-context";
import { getAuditHead } from "./audit-head";
import { verifyAuditChain, verifyAuditChainToHead } from "./verify-audit-chain";
import { writeAudit } from "./write-audit";

// Each test has a database of its own, holding three entries: tests tamper with the log, as the owner role, behind
// the trigger's back. `db` connects as the app role, as web and worker do.
let db: Db;
let owner: Db;
let drop: () => Promise<void>;
const system = { kind: "system", name: "test" } as const;
const secretKeys = secretKeysFrom({ BERTH_SECRET_KEY: Buffer.alloc(32, 3).toString("base64") });
const signing = () => ({ db, principal: system, secretKeys });
const append = (action: string) =>
  db.$transaction((tx) =>
    writeAudit(tx, system, { ip: "127.0.0.1" }, { action, targetType: "thing", diff: { after: { b: 1, a: [2] } } }),
  );
/** As the owner: the trigger off, `sql`, the trigger on again. */
const behindTheTrigger = (sql: string) =>
  owner.$transaction([
    owner.$executeRawUnsafe("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"),
    owner.$executeRawUnsafe(sql),
    owner.$executeRawUnsafe("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"),
  ]);
const saved = async () => {
  const head = await getAuditHead(signing());
  return { head, input: { head: `${head.id}:${head.hash}:${head.hmac}` } };
};

beforeEach(async () => {
  let ownerUrl: string;
  ({ db, ownerUrl, drop } = await ownDatabase());
  owner = createDb(ownerUrl);
  for (const action of ["one", "two", "three"]) await append(action);
});
afterEach(async () => {
  await owner.$disconnect();
  await drop();
});

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

  it("rejects UPDATE, DELETE and TRUNCATE, even from the owner", async () => {
    await expect(owner.$executeRaw`UPDATE audit_log SET action = 'forged'`).rejects.toThrow(/append-only/);
    await expect(owner.$executeRaw`DELETE FROM audit_log`).rejects.toThrow(/append-only/);
    await expect(owner.$executeRaw`TRUNCATE audit_log`).rejects.toThrow(/append-only/);
  });

  it("is out of the app role's reach: it may read and append, nothing else", async () => {
    for (const sql of [
      "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
      "UPDATE audit_log SET action = 'forged'",
      "DELETE FROM audit_log",
      "TRUNCATE audit_log",
      "DROP TABLE audit_log",
    ]) {
      await expect(db.$executeRawUnsafe(sql), sql).rejects.toThrow(/permission denied|must be owner/);
    }
  });

  it("reports the first entry edited behind the trigger's back", async () => {
    const second = (await db.auditEntry.findMany({ orderBy: { id: "asc" } }))[1];
    await behindTheTrigger(`UPDATE audit_log SET action = 'forged' WHERE id = ${second?.id}`);
    expect(await verifyAuditChain({ db, principal: system })).toEqual({
      ok: false,
      count: 1,
      firstBrokenId: String(second?.id),
    });
  });
});

describe("a saved head", () => {
  it("proves the log intact through it, and refuses one this Berth did not sign", async () => {
    const { head, input } = await saved();
    expect(head).toEqual({ id: "3", hash: expect.stringMatching(/^[0-9a-f]{64}$/), hmac: expect.any(String) });
    await append("after the head");
    expect(await verifyAuditChainToHead(signing(), input)).toEqual({
      ok: true,
      count: 4,
      firstBrokenId: null,
      head: { id: "3", hash: head.hash, status: "present" },
      message: "Intact: 4 entries, the saved head 3 among them.",
    });
    await expect(verifyAuditChainToHead(signing(), { head: `3:${head.hash}:${"0".repeat(64)}` })).rejects.toMatchObject(
      { status: 422, fields: { head: expect.stringContaining("signature does not match") } },
    );
  });

  it("is for admins only: the head is platform-wide", async () => {
    const owner: Principal = {
      kind: "user",
      userId: "u",
      email: "owner@x.test",
      platformRole: null,
      memberships: [{ tenantId: "t", role: "owner" }],
    };
    await expect(getAuditHead({ db, principal: owner, secretKeys })).rejects.toThrow(
      /not allow you to read and verify the whole audit log/,
    );
    await expect(verifyAuditChainToHead({ db, principal: owner, secretKeys }, { head: "x" })).rejects.toThrow(
      /not allow you/,
    );
  });

  it("shows entries deleted from the end, which the chain alone cannot", async () => {
    const { input } = await saved();
    await behindTheTrigger("DELETE FROM audit_log WHERE id >= 2");
    expect((await verifyAuditChain({ db, principal: system })).ok).toBe(true);
    expect(await verifyAuditChainToHead(signing(), input)).toMatchObject({
      ok: false,
      count: 1,
      head: { id: "3", status: "missing" },
      message: "Entries up to 3 are missing: the log ends at 1, before the saved head.",
    });
  });

  it("shows a log rewritten up to it, though the rewritten chain is intact", async () => {
    const { input } = await saved();
    // The newest entry deleted and another appended with its id: a fresh chain, intact on its own.
    await behindTheTrigger("DELETE FROM audit_log WHERE id = 3");
    await owner.$executeRawUnsafe("SELECT setval(pg_get_serial_sequence('audit_log', 'id'), 2)");
    await append("forged three");
    expect((await verifyAuditChain({ db, principal: system })).ok).toBe(true);
    expect(await verifyAuditChainToHead(signing(), input)).toMatchObject({
      ok: false,
      firstBrokenId: "3",
      head: { id: "3", status: "changed" },
      message: "Entry 3 is not the one saved: the log up to it was rewritten.",
    });
  });

  it("shows an entry before it edited behind the trigger's back", async () => {
    const { input } = await saved();
    await behindTheTrigger("UPDATE audit_log SET action = 'forged' WHERE id = 2");
    expect(await verifyAuditChainToHead(signing(), input)).toMatchObject({
      ok: false,
      firstBrokenId: "2",
      head: { id: "3", status: "present" },
      message: "Entry 2 does not follow from the one before it: an entry was changed or entries were deleted there.",
    });
  });
});
