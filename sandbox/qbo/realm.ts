/**
 * All data of one QBO company (realm): a Table per entity type, the Id sequences, and the
 * requestid replay cache. Seeds are copied shallowly on load; every write builds new objects, so
 * the caller's SeedBooks are never mutated.
 */
import type { QboEntityJson, SeedBooks } from '../seed/types';
import { localDate } from '../seed/time';
import { companyDate, parseQboDateTime, qboTime } from './clock';
import { ENTITIES, ENTITY_NAMES, type EntityName, isSalesTxn } from './entities';
import { type Row, Table, type Tombstone } from './table';

export interface StoredResponse {
  atMs: number;
  status: number;
  body: string;
}

export interface RealmState {
  realmId: string;
  timeZone?: string;
  tables: Record<string, Array<{ obj: QboEntityJson; createdMs: number; updatedMs: number }>>;
  tombstones: Record<string, Tombstone[]>;
  counters: Record<string, number>;
  requestIds: Array<[string, StoredResponse]>;
}

function uniqueKeyFor(entity: EntityName): ((obj: QboEntityJson) => string | undefined) | null {
  if (entity === 'Customer') return (o) => (typeof o.DisplayName === 'string' ? o.DisplayName : undefined);
  if (entity === 'Item') return (o) => (typeof o.Name === 'string' ? o.Name : undefined);
  if (isSalesTxn(entity) || entity === 'Payment') {
    return (o) => (typeof o.DocNumber === 'string' && o.DocNumber !== '' ? o.DocNumber : undefined);
  }
  return null;
}

function emptyTables(): Record<EntityName, Table> {
  const tables = {} as Record<EntityName, Table>;
  for (const name of ENTITY_NAMES) tables[name] = new Table(uniqueKeyFor(name));
  return tables;
}

function byNumericId(a: QboEntityJson, b: QboEntityJson): number {
  const x = Number(a.Id);
  const y = Number(b.Id);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
  return x - y;
}

export class RealmStore {
  readonly tables = emptyTables();
  private readonly counters = new Map<string, number>();
  private readonly docHigh = new Map<string, number>();
  /** requestid → first response; Map order is insertion order, so expiry pops from the front. */
  readonly requestIds = new Map<string, StoredResponse>();
  /** IANA zone of the books (TxnDate defaults to today there); Pacific when unknown. */
  timeZone: string | undefined;

  constructor(
    readonly realmId: string,
    private readonly now: () => number,
  ) {}

  static fromSeed(books: SeedBooks, now: () => number): RealmStore {
    const realm = new RealmStore(books.realmId, now);
    realm.timeZone = books.timeZone;
    const at = now();
    realm.loadSingleton('CompanyInfo', books.CompanyInfo, at);
    realm.loadSingleton('Preferences', books.Preferences, at);
    for (const name of ENTITY_NAMES) {
      if (name === 'CompanyInfo' || name === 'Preferences') continue;
      const seeds = [...books[name]].sort(byNumericId);
      for (const obj of seeds) realm.loadRow(name, obj, at);
    }
    return realm;
  }

  static fromState(state: RealmState, now: () => number): RealmStore {
    const realm = new RealmStore(state.realmId, now);
    realm.timeZone = state.timeZone;
    for (const name of ENTITY_NAMES) {
      const table = realm.tables[name];
      for (const r of state.tables[name] ?? []) {
        table.insert({ key: r.obj.Id, id: Number(r.obj.Id), obj: r.obj, json: undefined, createdMs: r.createdMs, updatedMs: r.updatedMs });
      }
      table.tombstones.push(...(state.tombstones[name] ?? []));
    }
    for (const [space, value] of Object.entries(state.counters)) realm.counters.set(space, value);
    for (const [key, stored] of state.requestIds) realm.requestIds.set(key, stored);
    return realm;
  }

  exportState(): RealmState {
    const tables: RealmState['tables'] = {};
    const tombstones: RealmState['tombstones'] = {};
    for (const name of ENTITY_NAMES) {
      const table = this.tables[name];
      tables[name] = table.rows.map((r) => ({ obj: r.obj, createdMs: r.createdMs, updatedMs: r.updatedMs }));
      tombstones[name] = [...table.tombstones];
    }
    return {
      realmId: this.realmId,
      timeZone: this.timeZone,
      tables,
      tombstones,
      counters: Object.fromEntries(this.counters),
      requestIds: [...this.requestIds],
    };
  }

  /** Entities of one type, Id order (what a test or the composer inspects). */
  list(entity: EntityName): QboEntityJson[] {
    return this.tables[entity].rows.map((r) => r.obj);
  }

  get(entity: EntityName, id: string): QboEntityJson | undefined {
    return this.row(entity, id)?.obj;
  }

  /**
   * While a batch runs, what its earlier items created is invisible to its later items (QBO:
   * "a later item cannot see an object created earlier in the same batch").
   */
  batchCreated: Set<string> | null = null;

  row(entity: EntityName, id: string): Row | undefined {
    if (this.batchCreated?.has(`${entity}:${id}`)) return undefined;
    return this.tables[entity].get(id);
  }

  count(entity: EntityName): number {
    return this.tables[entity].rows.length;
  }

  nextId(entity: EntityName): number {
    const space = ENTITIES[entity].idSpace;
    let current = this.counters.get(space);
    if (current === undefined) {
      current = 0;
      for (const name of ENTITY_NAMES) {
        if (ENTITIES[name].idSpace === space) current = Math.max(current, this.tables[name].maxId());
      }
    }
    this.counters.set(space, current + 1);
    return current + 1;
  }

  /**
   * Highest numeric DocNumber of a sales form (auto-numbering continues after it). Found by one
   * scan, then kept up to date by `noteDocNumber`, so creates stay O(1) on big books.
   */
  docNumberHighWater(entity: EntityName): number {
    let high = this.docHigh.get(entity);
    if (high === undefined) {
      high = 1000;
      for (const row of this.tables[entity].rows) {
        const n = Number(row.obj.DocNumber);
        if (Number.isInteger(n) && n > high) high = n;
      }
      this.docHigh.set(entity, high);
    }
    return high;
  }

  noteDocNumber(entity: EntityName, docNumber: unknown): void {
    const n = Number(docNumber);
    const high = this.docHigh.get(entity);
    if (high !== undefined && Number.isInteger(n) && n > high) this.docHigh.set(entity, n);
  }

  /** Today's date in the company's zone (the default TxnDate). */
  today(nowMs: number): string {
    if (this.timeZone) {
      try {
        return localDate(nowMs, this.timeZone);
      } catch {
        // a zone the seed helper does not know: fall through to Pacific
      }
    }
    return companyDate(nowMs);
  }

  preferences(): Record<string, unknown> {
    return this.tables.Preferences.rows[0]?.obj ?? {};
  }

  homeCurrency(): { value: string; name: string } {
    const prefs = this.preferences() as { CurrencyPrefs?: { HomeCurrency?: { value?: string; name?: string } } };
    const home = prefs.CurrencyPrefs?.HomeCurrency;
    const value = home?.value ?? 'USD';
    return { value, name: home?.name ?? (value === 'USD' ? 'United States Dollar' : value) };
  }

  private loadSingleton(entity: 'CompanyInfo' | 'Preferences', obj: Record<string, unknown>, at: number): void {
    this.loadRow(entity, { ...obj, Id: typeof obj.Id === 'string' ? obj.Id : '1' }, at);
  }

  private loadRow(entity: EntityName, seed: QboEntityJson, at: number): void {
    const obj: QboEntityJson = { ...seed };
    const meta = (obj.MetaData ?? {}) as { CreateTime?: string; LastUpdatedTime?: string };
    const createdMs = meta.CreateTime ? parseQboDateTime(meta.CreateTime) : Number.NaN;
    const updatedMs = meta.LastUpdatedTime ? parseQboDateTime(meta.LastUpdatedTime) : Number.NaN;
    const created = Number.isNaN(createdMs) ? at : createdMs;
    const updated = Number.isNaN(updatedMs) ? created : updatedMs;
    if (!meta.CreateTime || !meta.LastUpdatedTime) {
      obj.MetaData = { ...meta, CreateTime: meta.CreateTime ?? qboTime(created), LastUpdatedTime: meta.LastUpdatedTime ?? qboTime(updated) };
    }
    // Read-only lists are served as seeded (US tax codes carry no SyncToken).
    if (ENTITIES[entity].writable) {
      if (obj.SyncToken === undefined) obj.SyncToken = '0';
      if (obj.domain === undefined) obj.domain = 'QBO';
    }
    const row: Row = { key: obj.Id, id: Number(obj.Id), obj, json: undefined, createdMs: created, updatedMs: updated };
    this.tables[entity].insert(row);
  }
}
