/**
 * Runs a parsed query against a realm. Filters compile to one predicate; results (filtered and/or
 * sorted) are cached per table version so consecutive pages reuse them. With no WHERE and ORDERBY
 * Id the stored array itself is the result, so a page is a slice plus a string join.
 */
import { parseQboDateTime } from './clock';
import { ENTITIES, type EntityMeta, entityByName, type FieldSpec } from './entities';
import { faults } from './faults';
import type { Condition, ParsedQuery, QueryValue } from './query-parser';
import { parseQuery } from './query-parser';
import type { RealmStore } from './realm';
import { type Row, rowJson } from './table';

const DEFAULT_MAX_RESULTS = 100;
const MAX_RESULTS_LIMIT = 1000;

type Scalar = string | number | boolean | undefined;
type Getter = (row: Row) => Scalar;

function getterFor(spec: FieldSpec): Getter {
  switch (spec.type) {
    case 'id':
      return (r) => (Number.isNaN(r.id) ? r.key : r.id);
    case 'time':
      return spec.path === 'MetaData.CreateTime' ? (r) => r.createdMs : (r) => r.updatedMs;
    case 'ref':
      return (r) => (r.obj[spec.path] as { value?: string } | undefined)?.value;
    case 'email':
      return (r) => (r.obj[spec.path] as { Address?: string } | undefined)?.Address;
    case 'number': {
      return (r) => {
        const v = r.obj[spec.path];
        return typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : undefined;
      };
    }
    case 'bool':
      return (r) => {
        const v = r.obj[spec.path];
        return typeof v === 'boolean' ? v : spec.path === 'Active' ? true : undefined;
      };
    default:
      return (r) => {
        const v = r.obj[spec.path];
        return typeof v === 'string' ? v : undefined;
      };
  }
}

/** Turns a literal into the comparable form for the field's type (strings compare case-insensitively). */
function literal(spec: FieldSpec, value: QueryValue): Scalar {
  const text = value.text;
  switch (spec.type) {
    case 'id': {
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
    case 'time': {
      const ms = parseQboDateTime(text);
      if (Number.isNaN(ms)) throw faults.queryValidation(`Invalid date/time value '${text}' for property ${spec.path}`);
      return ms;
    }
    case 'number': {
      const n = Number(text);
      if (!Number.isFinite(n)) throw faults.queryValidation(`Invalid value '${text}' for property ${spec.path}`);
      return n;
    }
    case 'bool': {
      const lower = text.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw faults.queryValidation(`Invalid value '${text}' for property ${spec.path}`);
      return lower === 'true';
    }
    default:
      // QBO writes "null" as ' ' (a space in quotes).
      return text === ' ' ? undefined : text.toLowerCase();
  }
}

function normalize(spec: FieldSpec, v: Scalar): Scalar {
  return typeof v === 'string' && spec.type !== 'date' ? v.toLowerCase() : v;
}

function compare(a: Scalar, b: Scalar): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

function likeRegex(pattern: string): RegExp {
  const body = pattern
    .toLowerCase()
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 's');
}

function fieldSpec(meta: EntityMeta, field: string): FieldSpec {
  const spec = meta.fields.get(field.toLowerCase());
  if (!spec) throw faults.queryValidation(`property '${field}' is not queryable`);
  return spec;
}

function compileCondition(meta: EntityMeta, c: Condition): (row: Row) => boolean {
  const spec = fieldSpec(meta, c.field);
  const raw = getterFor(spec);
  const get = (r: Row) => normalize(spec, raw(r));
  if (c.op === 'IN') {
    const set = new Set(c.values.map((v) => literal(spec, v)));
    return (r) => set.has(get(r));
  }
  if (c.op === 'LIKE') {
    if (spec.type !== 'string' && spec.type !== 'email') throw faults.queryValidation(`LIKE is not supported on property ${spec.path}`);
    const re = likeRegex(c.values[0]!.text);
    return (r) => {
      const v = get(r);
      return typeof v === 'string' && re.test(v);
    };
  }
  const want = literal(spec, c.values[0]!);
  if (spec.type === 'time' && typeof want === 'number') return timePredicate(spec, c.op, want);
  switch (c.op) {
    case '=':
      return (r) => get(r) === want;
    case '<':
      return (r) => {
        const v = get(r);
        return v !== undefined && compare(v, want) < 0;
      };
    case '>':
      return (r) => {
        const v = get(r);
        return v !== undefined && compare(v, want) > 0;
      };
    case '<=':
      return (r) => {
        const v = get(r);
        return v !== undefined && compare(v, want) <= 0;
      };
    default:
      return (r) => {
        const v = get(r);
        return v !== undefined && compare(v, want) >= 0;
      };
  }
}

/** Time filters are what incremental sync uses on big tables: compare the stored instants directly. */
function timePredicate(spec: FieldSpec, op: Condition['op'], want: number): (row: Row) => boolean {
  const created = spec.path === 'MetaData.CreateTime';
  switch (op) {
    case '=':
      return created ? (r) => r.createdMs === want : (r) => r.updatedMs === want;
    case '<':
      return created ? (r) => r.createdMs < want : (r) => r.updatedMs < want;
    case '>':
      return created ? (r) => r.createdMs > want : (r) => r.updatedMs > want;
    case '<=':
      return created ? (r) => r.createdMs <= want : (r) => r.updatedMs <= want;
    default:
      return created ? (r) => r.createdMs >= want : (r) => r.updatedMs >= want;
  }
}

export interface QueryResult {
  entity: string;
  /** Rows of the page (absent for count). */
  rows: Row[] | null;
  startPosition: number;
  totalCount: number;
}

/** Runs one statement; throws QboFault for parse/validation errors. */
export function runQuery(realm: RealmStore, text: string): QueryResult {
  const q: ParsedQuery = parseQuery(text);
  const entity = entityByName(q.entity);
  if (!entity) throw faults.queryParser(`Invalid content. Entity '${q.entity}' not found.`);
  const meta = ENTITIES[entity];
  if (q.maxResults !== null && q.maxResults > MAX_RESULTS_LIMIT) {
    throw faults.queryValidation(`value ${q.maxResults} is too large. Max allowed value is ${MAX_RESULTS_LIMIT}`);
  }
  const where = [...q.where];
  // Name lists show only active entries unless the query says otherwise.
  if (meta.nameList && !where.some((c) => c.field.toLowerCase() === 'active')) {
    where.push({ field: 'Active', op: '=', values: [{ text: 'true', quoted: false }] });
  }
  const predicates = where.map((c) => compileCondition(meta, c));
  const orders = q.orderBy.map((o) => ({ spec: fieldSpec(meta, o.field), desc: o.desc }));
  const table = realm.tables[entity];

  const filterKey = where.map((c) => `${c.field.toLowerCase()} ${c.op} ${c.values.map((v) => v.text).join('\u0001')}`).join('\u0002');
  const orderKey = orders.map((o) => `${o.spec.path}${o.desc ? ' desc' : ''}`).join(',');
  const idAscOnly = orders.length === 0 || (orders.length === 1 && orders[0]!.spec.type === 'id' && !orders[0]!.desc);

  let rows: Row[];
  if (predicates.length === 0 && idAscOnly) {
    rows = table.rows;
  } else {
    rows = table.view(`${filterKey}\u0003${orderKey}`, () => {
      let filtered: Row[];
      if (predicates.length === 0) filtered = table.rows.slice();
      else if (predicates.length === 1) filtered = table.rows.filter(predicates[0]!);
      else filtered = table.rows.filter((r) => predicates.every((p) => p(r)));
      if (!idAscOnly && orders.length === 1 && orders[0]!.spec.type === 'time') {
        // Sync clients page by LastUpdatedTime: a plain numeric comparator keeps that first page cheap.
        const sign = orders[0]!.desc ? -1 : 1;
        const created = orders[0]!.spec.path === 'MetaData.CreateTime';
        filtered.sort((a, b) => sign * (created ? a.createdMs - b.createdMs : a.updatedMs - b.updatedMs) || a.id - b.id || 0);
      } else if (!idAscOnly) {
        const keyed = orders.map((o) => ({ get: getterFor(o.spec), spec: o.spec, sign: o.desc ? -1 : 1 }));
        filtered.sort((a, b) => {
          for (const k of keyed) {
            const c = compare(normalize(k.spec, k.get(a)), normalize(k.spec, k.get(b)));
            if (c !== 0) return c * k.sign;
          }
          return a.id - b.id || 0;
        });
      }
      return filtered;
    });
  }
  if (q.count) return { entity, rows: null, startPosition: 1, totalCount: rows.length };
  const start = Math.max(1, q.startPosition ?? 1);
  const max = q.maxResults ?? DEFAULT_MAX_RESULTS;
  return { entity, rows: rows.slice(start - 1, start - 1 + max), startPosition: start, totalCount: rows.length };
}

/** The `QueryResponse` object as JSON text, serializing rows from their cache. */
export function queryResponseJson(result: QueryResult, withTotalCount: boolean): string {
  if (result.rows === null) return `{"totalCount":${result.totalCount}}`;
  if (result.rows.length === 0) return '{}';
  const parts = new Array<string>(result.rows.length);
  for (let i = 0; i < result.rows.length; i++) parts[i] = rowJson(result.rows[i]!);
  const total = withTotalCount ? `,"totalCount":${result.totalCount}` : '';
  return `{"${result.entity}":[${parts.join(',')}],"startPosition":${result.startPosition},"maxResults":${result.rows.length}${total}}`;
}
