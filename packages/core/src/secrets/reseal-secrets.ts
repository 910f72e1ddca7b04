import { writeAudit } from "../audit/write-audit";
import type { Context } from "../context";
import { SealError, seal, unseal } from "./seal";
import { SEALED_COLUMNS, type SealedColumn } from "./sealed-columns";
import { keyIdOf, type SecretKeys } from "./secret-keys";

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * After a key rotation: re-seals under BERTH_SECRET_KEY every value in `columns` still sealed under another key, each
 * row in a transaction of its own with its audit entry, so that BERTH_SECRET_KEY_PREVIOUS can then be dropped.
 * Run by `npm run secrets:reseal` as the system principal. Returns how many values of each column it re-sealed.
 */
export async function resealSecrets(
  ctx: Pick<Context, "db" | "principal" | "request"> & { secretKeys: SecretKeys },
  columns: readonly SealedColumn[] = SEALED_COLUMNS,
) {
  const keyId = keyIdOf(ctx.secretKeys.current);
  const current = `v1:${keyId}:%`;
  const counts = [];
  for (const { table, column } of columns) {
    const [t, c] = [quote(table), quote(column)];
    const stale = await ctx.db.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id::text AS id FROM ${t} WHERE ${c} NOT LIKE $1`,
      current,
    );
    let resealed = 0;
    for (const { id } of stale) {
      resealed += await ctx.db.$transaction(async (tx) => {
        const [row] = await tx.$queryRawUnsafe<{ value: string }[]>(
          `SELECT ${c} AS value FROM ${t} WHERE id::text = $1 AND ${c} NOT LIKE $2 FOR UPDATE`,
          id,
          current,
        );
        if (!row) return 0; // re-sealed or deleted meanwhile
        let value: string;
        try {
          value = seal(unseal(row.value, ctx.secretKeys), ctx.secretKeys);
        } catch (error) {
          throw new SealError(`${table}.${column} of row ${id}: ${(error as Error).message}`);
        }
        await tx.$executeRawUnsafe(`UPDATE ${t} SET ${c} = $1 WHERE id::text = $2`, value, id);
        await writeAudit(tx, ctx.principal, ctx.request, {
          action: "secret.resealed",
          targetType: table,
          targetId: id,
          diff: { after: { column, sealedUnder: keyId } },
        });
        return 1;
      });
    }
    counts.push({ table, column, resealed });
  }
  return counts;
}
