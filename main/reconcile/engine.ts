/**
 * Full reconciliation of one company: facts from every input, the matching passes, one verdict
 * per order and the QBO documents no order explains. Pure: the same input gives the same output,
 * whatever order the rows arrived in. (The engine itself is session.ts, shared with incremental runs.)
 */
import { reconcileOnce, type ReconcileOutput } from './session';
import type { ReconcileConfig, ReconcileInput } from './types';

export type { ReconcileOutput } from './session';

export function reconcile(input: ReconcileInput, config: ReconcileConfig): ReconcileOutput {
  return reconcileOnce(input, config);
}
