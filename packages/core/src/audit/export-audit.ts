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
const PAGE = 500;

/**
 * Every entry matching the filters (not one page), as CSV or as a JSON array, produced page by page so that a long
 * log is never held in memory. Cells that a spreadsheet would run as a formula are quoted with a leading '. The first
 * page is read before this returns, so that bad filters and missing rights are refused before anything is sent.
 */
export async function exportAudit(ctx: Context, input: Record<string, unknown>, format: "csv" | "json") {
  const first = await listAudit(ctx, { ...input, limit: PAGE });
  return chunksOf(ctx, input, format, first);
}

async function* chunksOf(
  ctx: Context,
  input: Record<string, unknown>,
  format: "csv" | "json",
  first: Awaited<ReturnType<typeof listAudit>>,
) {
  yield format === "csv" ? stringify([COLUMNS as unknown as string[]]) : "[";
  let page = first;
  let separator = "\n";
  for (;;) {
    for (const entry of page.entries) {
      if (format === "json") {
        yield `${separator}${JSON.stringify(entry)}`;
        separator = ",\n";
      } else {
        const row = COLUMNS.map((c) => (c === "diff" ? JSON.stringify(entry.diff) : entry[c]));
        yield stringify([row.map(neutraliseFormula)], { cast: { date: (d) => d.toISOString() } });
      }
    }
    if (!page.nextCursor) break;
    page = await listAudit(ctx, { ...input, cursor: page.nextCursor, limit: PAGE });
  }
  if (format === "json") yield "\n]\n";
}

function neutraliseFormula(value: unknown) {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
