/** A column of sealed values (`seal`), in a table whose rows have an `id`. */
export interface SealedColumn {
  table: string;
  column: string;
}

/**
 * Every column that holds sealed values: what `npm run secrets:reseal` re-seals after a key rotation. Empty until the
 * projects and certificates issues add theirs (service secrets, secret environment values, ACME keys).
 */
export const SEALED_COLUMNS: readonly SealedColumn[] = [];
