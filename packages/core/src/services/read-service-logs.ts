import { serviceLogs } from "@berth/docker";
import { authorize } from "@berth/policy";
import { z } from "zod";
import type { Context } from "../context";
import { AppError, parseInput } from "../errors";
import { findService } from "./find-service";

const flag = (name: string) =>
  z.enum(["true", "false"], `Give ${name} as true or false.`).transform((value) => value === "true");

const TAIL = "Give tail as a whole number of lines, from 1 to 10000.";

/** GET /services/{id}/logs' query string. */
export const serviceLogsQuery = z
  .object({
    follow: flag("follow")
      .default(false)
      .describe("keep the stream open and send lines as they are printed (default false)"),
    since: z.iso
      .datetime({ offset: true, message: "Give since as a time like 2026-11-27T09:00:00Z." })
      .optional()
      .describe("only lines printed from this time (RFC 3339) on"),
    tail: z.coerce
      .number(TAIL)
      .int(TAIL)
      .min(1, TAIL)
      .max(10_000, TAIL)
      .default(500)
      .describe("start with the last lines of the log"),
    timestamps: flag("timestamps")
      .default(false)
      .describe("give each line the time Docker received it (default false)"),
    stdout: flag("stdout").default(true).describe("the lines printed to stdout (default true)"),
    stderr: flag("stderr").default(true).describe("the lines printed to stderr (default true)"),
  })
  .refine((query) => query.stdout || query.stderr, { message: "Ask for stdout, stderr or both.", path: ["stdout"] });

/**
 * The log lines of a service's tasks, in batches as Docker sends them (see serviceLogs); viewers may read them too.
 * Unknown parameters are ignored, as the audit log's filters are. A service Swarm does not run yet is a 409 rather than
 * an empty stream: followed, an empty stream would stay silent even after the service is created, while the 409 says
 * why there is nothing and that asking again later will work.
 */
export async function readServiceLogs(ctx: Context, id: string, query: Record<string, unknown>, signal: AbortSignal) {
  const service = await findService(ctx, id);
  authorize(ctx.principal, "service.read", { tenantId: service.tenantId });
  const { since, ...options } = parseInput(serviceLogsQuery, query);
  const ref = { tenant: service.project.tenant.slug, project: service.project.slug, name: service.name };
  const lines = await serviceLogs(ctx.docker, ref, { ...options, since: since ? new Date(since) : undefined }, signal);
  if (!lines) {
    throw new AppError("conflict", "This service does not run in Swarm yet; its logs are here once Berth created it.");
  }
  return lines;
}
