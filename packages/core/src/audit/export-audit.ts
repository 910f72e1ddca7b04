import { stringify } from "csv-stringify/sync";
import type { Context } from "../context";
import { listAudit } from "./list-audit";

const COLUMNS = [
  "id",
  "at",
  "actorType",
  "actorId",
  "actorEmail",
  "tenantId",
  "action",
  "targetType",
  "targetId",
  "diff",
  "ip",
  "userAgent",
  "requestId",
  "prevHash",
  "hash",
] as const;

/**
 * Every entry matching the filters (not one page), as CSV or as a JSON array, produced page by page so that a long
 * log is never held in memory. Cells that a spreadsheet would run as a formula are quoted with a leading '.
 */
export async function* exportAudit(ctx: Context, input: Record<string, unknown>, format: "csv" | "json") {
  let cursor: string | undefined;
  let first = true;
  if (format === "csv") yield stringify([COLUMNS as unknown as string[]]);
  else yield "[";
  do {
    const page = await listAudit(ctx, { ...input, cursor, limit: 500 });
    for (const entry of page.entries) {
      if (format === "json") {
        yield `${first ? "\n" : ",\n"}${JSON.stringify(entry)}`;
      } else {
        const row = COLUMNS.map((c) => (c === "diff" ? JSON.stringify(entry.diff) : entry[c]));
        yield stringify([row.map(neutraliseFormula)], { cast: { date: (d) => d.toISOString() } });
      }
      first = false;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (format === "json") yield "\n]\n";
}

function neutraliseFormula(value: unknown) {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
