/** What Postgres (or the socket to it) answered, as pg reports it and as Prisma's driver adapter passes it on. */
export interface PostgresCause {
  kind?: string;
  code?: string;
  host?: string;
  port?: number;
  address?: string;
  message?: string;
}

/**
 * Where an error carries Postgres's answer: Prisma's errors hold the adapter's `meta.driverAdapterError.cause` (model
 * and raw queries alike), others a `cause`; pg's own errors are the answer. Most telling first.
 */
export function postgresCauses(error: unknown): PostgresCause[] {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: PostgresCause } } } | null)?.meta;
  const cause = meta?.driverAdapterError?.cause ?? (error as { cause?: PostgresCause } | null)?.cause;
  return [cause, error as PostgresCause | null].filter(
    (candidate): candidate is PostgresCause => !!candidate && typeof candidate === "object",
  );
}
