/**
 * Change Data Capture: every entity of the listed types changed at or after `changedSince`, full
 * payloads, deletions as `{"domain":"QBO","status":"Deleted","Id":..,"MetaData":{"LastUpdatedTime":..}}`
 * (the deletion time, so a client can order them with the other changes).
 * Look-back is limited (30 days). The 1000-object cap counts across all listed entities in the
 * order they were listed, oldest change first; what does not fit is left out without any marker
 * (QBO's advice is to ask for a shorter window), so a client must narrow the window when it gets
 * exactly the cap.
 */
import { parseQboDateTime, qboTime } from './clock';
import { type EntityName, entityByName } from './entities';
import { faults } from './faults';
import type { QboOptions } from './options';
import type { RealmStore } from './realm';
import { rowJson } from './table';

const DAY_MS = 86_400_000;
const NOT_SUPPORTED = new Set<EntityName>(['TaxCode', 'TaxRate']);

interface Change {
  atMs: number;
  json: string;
}

/** The `CDCResponse` array as JSON text. */
export function runCdc(realm: RealmStore, entitiesParam: string | null, changedSince: string | null, nowMs: number, options: QboOptions): string {
  if (!entitiesParam) throw faults.requiredParam('entities');
  if (!changedSince) throw faults.requiredParam('changedSince');
  const sinceMs = parseQboDateTime(changedSince);
  if (Number.isNaN(sinceMs)) throw faults.invalidProperty(`changedSince ${changedSince}`, 'changedSince');
  if (nowMs - sinceMs > options.cdcMaxAgeDays * DAY_MS) throw faults.cdcTooOld(changedSince);
  const names: EntityName[] = [];
  for (const raw of entitiesParam.split(',')) {
    const name = entityByName(raw.trim());
    if (!name) throw faults.invalidProperty(`entities ${raw.trim()}`, 'entities');
    if (NOT_SUPPORTED.has(name)) throw faults.unsupportedOperation(`Operation cdc is not supported for ${name}.`);
    if (!names.includes(name)) names.push(name);
  }
  let budget = options.cdcMaxObjects;
  const parts: string[] = [];
  for (const name of names) {
    const table = realm.tables[name];
    const changes: Change[] = [];
    for (const row of table.rows) if (row.updatedMs >= sinceMs) changes.push({ atMs: row.updatedMs, json: rowJson(row) });
    for (const t of table.tombstones) {
      if (t.deletedMs >= sinceMs) {
        const meta = { LastUpdatedTime: qboTime(t.deletedMs) };
        changes.push({ atMs: t.deletedMs, json: JSON.stringify({ domain: 'QBO', status: 'Deleted', Id: t.key, MetaData: meta }) });
      }
    }
    changes.sort((a, b) => a.atMs - b.atMs);
    const kept = changes.slice(0, Math.max(0, budget));
    budget -= kept.length;
    if (kept.length === 0) {
      parts.push('{}');
      continue;
    }
    parts.push(
      `{"${name}":[${kept.map((c) => c.json).join(',')}],"startPosition":1,"maxResults":${kept.length},"totalCount":${kept.length}}`,
    );
  }
  return `[{"QueryResponse":[${parts.join(',')}]}]`;
}
