/**
 * One entity type of one realm, held in memory: rows sorted by numeric Id (creates append, so the
 * common case is a push), an Id map, lazily cached JSON per row (a 1000-row page is a string join),
 * small indexes for the uniqueness checks, tombstones for CDC, and cached sorted/filtered views
 * keyed by the table version so paging through a big result does not re-sort per page.
 */
import type { QboEntityJson } from '../seed/types';

export interface Row {
  /** The Id as served (usually numeric text; US tax codes are "TAX"/"NON"). */
  key: string;
  /** Numeric sort key; NaN for non-numeric Ids, which only seeds of read-only lists have. */
  id: number;
  obj: QboEntityJson;
  /** Serialized `obj`; dropped whenever the row changes. */
  json: string | undefined;
  createdMs: number;
  updatedMs: number;
}

export interface Tombstone {
  key: string;
  id: number;
  deletedMs: number;
}

interface View {
  version: number;
  rows: Row[];
}

const MAX_VIEWS = 64;

export function rowJson(row: Row): string {
  if (row.json === undefined) row.json = JSON.stringify(row.obj);
  return row.json;
}

export class Table {
  readonly rows: Row[] = [];
  readonly byId = new Map<string, Row>();
  readonly tombstones: Tombstone[] = [];
  version = 0;
  private readonly views = new Map<string, View>();
  /** Lower-cased unique key → Ids holding it (seeds may hold duplicates). */
  private readonly index = new Map<string, string[]>();

  /** `keyOf` extracts the unique key (DocNumber / DisplayName / Name), if this table has one. */
  constructor(private readonly keyOf: ((obj: QboEntityJson) => string | undefined) | null) {}

  get(key: string): Row | undefined {
    return this.byId.get(key);
  }

  insert(row: Row): void {
    const last = this.rows[this.rows.length - 1];
    if (!last || !(last.id >= row.id)) this.rows.push(row);
    else this.rows.splice(this.lowerBound(row.id), 0, row);
    this.byId.set(row.key, row);
    this.addKey(row);
    this.version++;
  }

  /** Replace the stored object of an existing row (an update). */
  replace(row: Row, obj: QboEntityJson, updatedMs: number): void {
    this.removeKey(row);
    row.obj = obj;
    row.json = undefined;
    row.updatedMs = updatedMs;
    this.addKey(row);
    this.version++;
  }

  remove(row: Row, deletedMs: number): void {
    const at = Number.isNaN(row.id) ? this.rows.indexOf(row) : this.lowerBound(row.id);
    if (this.rows[at] === row) this.rows.splice(at, 1);
    this.byId.delete(row.key);
    this.removeKey(row);
    this.tombstones.push({ key: row.key, id: row.id, deletedMs });
    this.version++;
  }

  /** Id of a row (other than `exceptId`) holding this key, case-insensitively. */
  holderOf(key: string, exceptKey: string): string | undefined {
    const keys = this.index.get(key.toLowerCase());
    return keys?.find((k) => k !== exceptKey);
  }

  /** A cached derived list (sorted and/or filtered); recomputed only after the table changed. */
  view(key: string, build: () => Row[]): Row[] {
    const hit = this.views.get(key);
    if (hit && hit.version === this.version) return hit.rows;
    const rows = build();
    if (this.views.size >= MAX_VIEWS) this.views.delete(this.views.keys().next().value!);
    this.views.delete(key);
    this.views.set(key, { version: this.version, rows });
    return rows;
  }

  maxId(): number {
    let max = 0;
    for (let i = this.rows.length - 1; i >= 0; i--) {
      const id = this.rows[i]!.id;
      if (!Number.isNaN(id)) {
        max = id;
        break;
      }
    }
    for (const t of this.tombstones) if (t.id > max) max = t.id;
    return max;
  }

  private lowerBound(id: number): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rows[mid]!.id < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private addKey(row: Row): void {
    const key = this.keyOf?.(row.obj);
    if (key === undefined) return;
    const lower = key.toLowerCase();
    const ids = this.index.get(lower);
    if (ids) ids.push(row.key);
    else this.index.set(lower, [row.key]);
  }

  private removeKey(row: Row): void {
    const key = this.keyOf?.(row.obj);
    if (key === undefined) return;
    const lower = key.toLowerCase();
    const ids = this.index.get(lower);
    if (!ids) return;
    const at = ids.indexOf(row.key);
    if (at >= 0) ids.splice(at, 1);
    if (ids.length === 0) this.index.delete(lower);
  }
}
