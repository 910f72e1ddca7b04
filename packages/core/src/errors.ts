import { databaseOutOfResources, databaseUnreachableAt, Prisma } from "@berth/db";
import { dockerUnreachableAt } from "@berth/docker";
import { ForbiddenError } from "@berth/policy";
import type { z } from "zod";

const STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 422,
  password_change_required: 403,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof STATUS;

/** What a refused request aimed at, for the audit log: an action, or an object of another tenant. */
export interface DeniedTarget {
  targetType: string;
  targetId: string;
  tenantId?: string | null;
}

/** An error whose message a person can act on; the API answers it as `{"error": {code, message, fields}}`. */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly extra: {
      /** Set when the request was refused (403, or 404 for another tenant's object): it is audited. */
      denied?: DeniedTarget;
      /** For a 429: when to try again, in seconds. */
      retryAfterSeconds?: number;
      /**
       * For a 503: the message with what only those who may see the platform's internals see (where the dependency
       * was looked for, the file Postgres could not extend).
       */
      detailedMessage?: string;
    } = {},
  ) {
    super(message);
  }
  get status(): number {
    return STATUS[this.code];
  }
}

/**
 * "not found". `hidden` names the object when it exists but belongs to a tenant the principal may not see: the
 * answer is the same, and the attempt is audited.
 */
export const notFound = (what: string, hidden?: DeniedTarget | null) =>
  new AppError("not_found", `${what} was not found.`, undefined, { denied: hidden ?? undefined });

/**
 * The 404 for an id the principal's scoped lookup missed. `owner` looks the id up unscoped: when the object exists in
 * a tenant the principal may not see, the answer stays the same and the denial, naming that tenant, is audited.
 */
export async function scopedMiss(
  what: string,
  target: { type: string; id: string },
  owner: Promise<{ tenantId: string | null } | null>,
) {
  const hidden = await owner;
  return notFound(what, hidden && { targetType: target.type, targetId: target.id, tenantId: hidden.tenantId });
}

/** The 422 naming each invalid field with what to change. */
export const invalidFields = (fields: Record<string, string>) =>
  new AppError("invalid", "Some fields need changing; each says how.", fields);

/** Parses `input` with `schema`, or throws a 422 naming each invalid field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "body";
    fields[key] ??= issue.message;
  }
  throw invalidFields(fields);
}

/** Maps any thrown value to an AppError, or undefined when it is a bug (answered as a 500 and logged). */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  // Two requests creating the same thing at once: the loser's check passed before the winner's insert committed.
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    return new AppError("conflict", "This was created at the same moment by another request; reload and check.");
  }
  // "" is an address-less answer (Postgres starting up or shutting down), not "reachable".
  const database = databaseUnreachableAt(error);
  if (database !== null) return unreachable("Postgres", database);
  const shortage = databaseOutOfResources(error);
  if (shortage) return outOfResources(shortage);
  const docker = dockerUnreachableAt(error);
  if (docker) return unreachable("Docker", docker);
  if (error instanceof ForbiddenError) {
    const denied = { targetType: "action", targetId: error.action, tenantId: error.resource.tenantId };
    return new AppError("forbidden", error.message, undefined, { denied });
  }
  return undefined;
}

/** A 503 naming the dependency that does not answer; where it was looked for only in `detailedMessage`. */
const unreachable = (what: "Postgres" | "Docker", address: string) =>
  new AppError("unavailable", `${what} is unreachable; try again in a moment.`, undefined, {
    detailedMessage: `${what} is unreachable${address ? ` at ${address}` : ""}; try again in a moment.`,
  });

/**
 * A 503 for a statement Postgres refused for lack of disk space or memory: its transaction was rolled back. What
 * Postgres said (the file it could not extend, hence which disk) only in `detailedMessage`.
 */
function outOfResources({ code, message }: { code: string; message: string }) {
  const sentence =
    code === "53100"
      ? "The database has no space left to write; nothing was changed. Reads still work; an administrator must free disk space."
      : "The database ran out of memory or another resource; nothing was changed. Try again in a moment; if it keeps happening, an administrator must look at the database server.";
  return new AppError("unavailable", sentence, undefined, { detailedMessage: `${sentence} Postgres said: ${message}` });
}
