import { createDb, type Db } from "@berth/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownDatabase } from "../test-context";
import { resealSecrets } from "./reseal-secrets";
import { seal, unseal } from "./seal";
import { keyIdOf, secretKeysFrom } from "./secret-keys";

// No table holds sealed values yet (the projects and certificates issues add them to SEALED_COLUMNS): a table of this
// test's own stands for one, in a database of its own, read and written as the app role.
let db: Db;
let drop: () => Promise<void>;
const beforeRotation = secretKeysFrom({ BERTH_SECRET_KEY: Buffer.alloc(32, 1).toString("base64") });
const afterRotation = secretKeysFrom({
  BERTH_SECRET_KEY: Buffer.alloc(32, 2).toString("base64"),
  BERTH_SECRET_KEY_PREVIOUS: Buffer.alloc(32, 1).toString("base64"),
});
const columns = [{ table: "sealed_things", column: "value" }];
const system = { kind: "system", name: "secrets:reseal" } as const;
const reseal = (secretKeys = afterRotation) =>
  resealSecrets({ db, principal: system, request: {}, secretKeys }, columns);
const values = async () =>
  await db.$queryRawUnsafe<{ id: number; value: string | null }[]>("SELECT id, value FROM sealed_things ORDER BY id");

beforeAll(async () => {
  let ownerUrl: string;
  let appRole: string;
  ({ db, ownerUrl, appRole, drop } = await ownDatabase());
  const owner = createDb(ownerUrl);
  await owner.$executeRawUnsafe("CREATE TABLE sealed_things (id int PRIMARY KEY, value text)");
  await owner.$executeRawUnsafe(`GRANT SELECT, INSERT, UPDATE, DELETE ON sealed_things TO "${appRole}"`);
  await owner.$disconnect();
});
afterAll(() => drop());

describe("resealSecrets", () => {
  it("re-seals under the current key what was sealed under the previous one, one audited row at a time", async () => {
    const old = [seal("one", beforeRotation), seal("two", beforeRotation)];
    const fresh = seal("three", afterRotation);
    await db.$executeRawUnsafe(
      "INSERT INTO sealed_things VALUES (1, $1), (2, $2), (3, $3), (4, NULL)",
      old[0],
      old[1],
      fresh,
    );

    expect(await reseal()).toEqual([{ table: "sealed_things", column: "value", resealed: 2 }]);
    const after = await values();
    const newKey = keyIdOf(afterRotation.current);
    expect(after.map((r) => r.value?.split(":")[1] ?? null)).toEqual([newKey, newKey, newKey, null]);
    expect(after[2]?.value).toBe(fresh);
    // Readable without the previous key now.
    const withoutPrevious = { current: afterRotation.current };
    expect(after.slice(0, 3).map((r) => unseal(r.value ?? "", withoutPrevious))).toEqual(["one", "two", "three"]);
    const audited = await db.auditEntry.findMany({ where: { action: "secret.resealed" }, orderBy: { id: "asc" } });
    expect(audited.map((e) => [e.targetType, e.targetId, e.actorId])).toEqual([
      ["sealed_things", "1", "secrets:reseal"],
      ["sealed_things", "2", "secrets:reseal"],
    ]);

    expect(await reseal()).toEqual([{ table: "sealed_things", column: "value", resealed: 0 }]);
  });

  it("stops at a value no key opens, naming its row, and changes nothing of that row", async () => {
    const unknown = seal("lost", secretKeysFrom({ BERTH_SECRET_KEY: Buffer.alloc(32, 9).toString("base64") }));
    await db.$executeRawUnsafe("INSERT INTO sealed_things VALUES (5, $1)", unknown);
    await expect(reseal()).rejects.toThrow(
      /^sealed_things\.value of row 5: This value was sealed under key [0-9a-f]{8}/,
    );
    expect((await values()).find((r) => r.id === 5)?.value).toBe(unknown);
    await db.$executeRawUnsafe("DELETE FROM sealed_things WHERE id = 5");
  });
});
