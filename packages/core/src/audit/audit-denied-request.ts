import type { Context } from "../context";
import type { AppError } from "../errors";
import { writeAudit } from "./write-audit";

/** Records a refused request: a 403, or a 404 for an object of a tenant the principal may not see. */
export async function auditDeniedRequest(ctx: Context, error: AppError, request: { method: string; path: string }) {
  await ctx.db.$transaction((tx) =>
    writeAudit(tx, ctx.principal, ctx.request, {
      action: "request.denied",
      targetType: error.extra.denied?.targetType ?? "request",
      targetId: error.extra.denied?.targetId ?? null,
      tenantId: error.extra.denied?.tenantId ?? null,
      diff: { after: { method: request.method, path: request.path, status: error.status, message: error.message } },
    }),
  );
}
