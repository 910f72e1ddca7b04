import type { Tx } from "../context";

export const RECONCILE_CHANNEL = "berth_reconcile";

/** Wakes the worker's reconciler when the transaction commits (Postgres delivers NOTIFY on commit only). */
export async function requestReconcile(tx: Tx, projectId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${RECONCILE_CHANNEL}, ${projectId})`;
}
