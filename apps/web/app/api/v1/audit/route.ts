import { exportAudit, invalidFields, listAudit } from "@berth/core";
import { apiRoute } from "@/lib/api";

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", json: "application/json" } as const;

// ?format=csv or ?format=json downloads every matching entry; without it, one page of JSON with nextCursor.
export const GET = apiRoute(async ({ ctx, request }) => {
  const { format, ...query } = Object.fromEntries(request.nextUrl.searchParams);
  if (format === undefined) return listAudit(ctx, query);
  if (format !== "csv" && format !== "json") {
    throw invalidFields({ format: "Choose csv or json." });
  }
  const chunks = await exportAudit(ctx, query, format);
  const body = new ReadableStream<string>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
  return new Response(body.pipeThrough(new TextEncoderStream()), {
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="berth-audit.${format}"`,
    },
  });
});
