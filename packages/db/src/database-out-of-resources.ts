import { postgresCauses } from "./postgres-causes";

/**
 * SQLSTATE class 53, "insufficient resources": disk full (53100), out of memory (53200), a configured limit such as
 * temp_file_limit (53400). Too many connections (53300) is not here: `databaseUnreachableAt` answers it as "not now".
 */
const INSUFFICIENT_RESOURCES = /^53(?!300)[0-9A-Z]{3}$/;

/**
 * When Postgres refused a statement for lack of disk space, memory or another resource (through Prisma, its adapter
 * or pg): its code and message (the message names the file it could not extend); otherwise null. Postgres rolled the
 * statement's transaction back, so nothing of it was written.
 */
export function databaseOutOfResources(error: unknown): { code: string; message: string } | null {
  for (const { code, message } of postgresCauses(error)) {
    if (code !== undefined && INSUFFICIENT_RESOURCES.test(code)) return { code, message: message ?? "" };
  }
  return null;
}
