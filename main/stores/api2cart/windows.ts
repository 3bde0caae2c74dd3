/**
 * How a pull is cut into time windows (`modified_from`..`modified_to`). Cursor paging is one call
 * at a time, so a large pull runs several windows side by side to use the store's five call slots.
 * Slices are even in time, and there are more of them than workers, so one busy slice does not
 * hold up the rest. Bounds are shared (inclusive on both sides): an order on a boundary second is
 * read twice and dropped the second time, whichever way the server treats `modified_to`.
 */
import type { WindowState } from './pull-cursor';

export interface WindowPlanInput {
  /** Start of the pull (high-water mark minus overlap), or null for everything. */
  from: number | null;
  /** Orders to pull (order.count). */
  total: number;
  pageSize: number;
  workers: number;
  maxWindows: number;
  /** The platform's longest accepted modified range (eBay: 30 days). */
  maxRangeMs?: number;
}

const SECOND = 1000;
const floorSecond = (ms: number) => Math.floor(ms / SECOND) * SECOND;

export function newWindow(from: number | null, to: number | null): WindowState {
  return { from, to, hw: null, edge: [], done: false };
}

/** Windows wanted before the data's time span is known: about four pages each. */
function wantedBySize(input: WindowPlanInput): number {
  return input.workers === 1 ? 1 : Math.min(input.maxWindows, Math.ceil(input.total / (input.pageSize * 4)));
}

/** Whether the plan needs the earliest and latest `modified_at` (more than one window possible). */
export function needsTimeSpan(input: WindowPlanInput): boolean {
  return wantedBySize(input) > 1 || input.maxRangeMs !== undefined;
}

/** The single open window used when there is nothing to split. */
export function singleWindow(input: WindowPlanInput, lo: number | null): WindowState[] {
  // A range-limited platform gets a start at the earliest order rather than "from the beginning".
  return [newWindow(input.maxRangeMs === undefined || lo === null ? input.from : (input.from ?? floorSecond(lo)), null)];
}

/** Windows covering `from` onwards, given the earliest (`lo`) and latest (`hi`) modification. */
export function splitIntoWindows(input: WindowPlanInput, lo: number, hi: number): WindowState[] {
  let wanted = wantedBySize(input);
  const maxRange = input.maxRangeMs;
  if (maxRange !== undefined) wanted = Math.max(wanted, Math.ceil((hi - lo + SECOND) / (maxRange - SECOND)));
  if (wanted <= 1 || hi - lo < wanted * SECOND) return singleWindow(input, lo);
  const start = maxRange === undefined ? input.from : floorSecond(Math.max(input.from ?? lo, lo));
  const bounds = Array.from({ length: wanted - 1 }, (_, i) => floorSecond(lo + ((hi - lo) * (i + 1)) / wanted));
  const windows = bounds.map((b, i) => newWindow(i === 0 ? start : bounds[i - 1]!, b));
  // The last window is open-ended: orders modified while the pull runs land in it.
  windows.push(newWindow(bounds[bounds.length - 1]!, null));
  return windows;
}
