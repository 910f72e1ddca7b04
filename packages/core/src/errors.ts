import { Prisma } from "@berth/db";
import { ForbiddenError } from "@berth/policy";
import type { z } from "zod";

const STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 422,
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

/** Parses `input` with `schema`, or throws a 422 naming each invalid field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "body";
    fields[key] ??= issue.message;
  }
  throw new AppError("invalid", "Some fields need changing; each says how.", fields);
}

/** Maps any thrown value to an AppError, or undefined when it is a bug (answered as a 500 and logged). */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  // Two requests creating the same thing at once: the loser's check passed before the winner's insert committed.
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    return new AppError("conflict", "This was created at the same moment by another request; reload and check.");
  }
  if (error instanceof ForbiddenError) {
    const denied = { targetType: "action", targetId: error.action, tenantId: error.resource.tenantId };
    return new AppError("forbidden", error.message, undefined, { denied });
  }
  return undefined;
}
