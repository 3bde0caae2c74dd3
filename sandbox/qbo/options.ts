/**
 * QBO-specific knobs. Each default is the most likely real behaviour where Intuit's docs are
 * silent (see "Could NOT confirm" in shared/reference/qbo-api.md).
 */
export interface QboOptions {
  /** How long a `requestid` replays its first response (undocumented; default 30 days). */
  requestIdRetentionMs: number;
  /** Objects per CDC response across all requested entities; the rest is silently left out. */
  cdcMaxObjects: number;
  /** CDC look-back limit. */
  cdcMaxAgeDays: number;
  /** Add `totalCount` to `SELECT *` responses too (samples show both; default off). */
  queryTotalCount: boolean;
  /** QBO renames a name-list entry made inactive to "Name (deleted)" and back on reactivation. */
  renameInactive: boolean;
  /** Batch payload limit (docs: 30). */
  maxBatchItems: number;
  /** HTTP status for a read of an unknown Id (610 Object Not Found; status not verified, 400 assumed). */
  notFoundStatus: number;
}

export const DEFAULT_QBO_OPTIONS: QboOptions = {
  requestIdRetentionMs: 30 * 24 * 3_600_000,
  cdcMaxObjects: 1000,
  cdcMaxAgeDays: 30,
  queryTotalCount: false,
  renameInactive: true,
  maxBatchItems: 30,
  notFoundStatus: 400,
};
