/**
 * `POST /batch`: up to 30 BatchItemRequests (create/update/delete, `optionsData: "void"`,
 * `Query`, `CDCQuery`), run in order; each gets its own result or Fault and the whole answer is
 * HTTP 200. An empty or oversized batch fails as a whole. Items run in order, but an object created
 * by an earlier item is not visible to later ones (references to it fail as in QBO).
 */
import { ENTITIES, entityByName } from './entities';
import { QboFault, faults } from './faults';
import type { Operations } from './operations';
import type { QboOptions } from './options';
import { queryResponseJson, runQuery } from './query-exec';
import type { RealmStore } from './realm';
import { runCdc } from './cdc';

type Json = Record<string, unknown>;

const ITEM_KEYS = new Set(['bId', 'operation', 'optionsData', 'Query', 'CDCQuery']);

/** The `BatchItemResponse` array as JSON text; throws for whole-batch errors. */
export function runBatch(realm: RealmStore, ops: Operations, body: unknown, nowMs: number, options: QboOptions): string {
  const items = (body as { BatchItemRequest?: unknown } | null)?.BatchItemRequest;
  if (!Array.isArray(items) || items.length === 0) throw faults.batchEmpty();
  if (items.length > options.maxBatchItems) throw faults.batchTooLarge(items.length, options.maxBatchItems);
  const out: string[] = [];
  realm.batchCreated = new Set();
  try {
    for (const raw of items) {
      const item = (raw ?? {}) as Json;
      const bId = JSON.stringify(String(item.bId ?? ''));
      try {
        out.push(`{"bId":${bId},${runItem(realm, ops, item, nowMs, options)}}`);
      } catch (err) {
        if (!(err instanceof QboFault)) throw err;
        out.push(`{"bId":${bId},"Fault":${JSON.stringify(err.body().Fault)}}`);
      }
    }
  } finally {
    realm.batchCreated = null;
  }
  return `[${out.join(',')}]`;
}

function runItem(realm: RealmStore, ops: Operations, item: Json, nowMs: number, options: QboOptions): string {
  if (item.bId === undefined || item.bId === '') throw faults.requiredParam('bId');
  if (typeof item.Query === 'string') {
    return `"QueryResponse":${queryResponseJson(runQuery(realm, item.Query), options.queryTotalCount)}`;
  }
  if (item.CDCQuery && typeof item.CDCQuery === 'object') {
    const cdc = item.CDCQuery as { Entities?: string; ChangedSince?: string };
    return `"CDCResponse":${runCdc(realm, cdc.Entities ?? null, cdc.ChangedSince ?? null, nowMs, options)}`;
  }
  const key = Object.keys(item).find((k) => !ITEM_KEYS.has(k));
  const entity = key === undefined ? undefined : entityByName(key);
  if (!key || !entity || key !== entity || !ENTITIES[entity].writable) {
    throw faults.invalidProperty(key ?? 'entity', key ?? '');
  }
  const payload = (item[key] ?? {}) as Json;
  const optionsData = String(item.optionsData ?? '').toLowerCase();
  const flags = { allowDuplicateDocNum: optionsData.includes('allowduplicatedocnum') };
  const operation = String(item.operation ?? '').toLowerCase();
  let result: Json;
  switch (operation) {
    case 'create':
      result = ops.create(entity, payload, flags);
      break;
    case 'update':
      result = optionsData.includes('void') ? ops.voidTxn(entity, payload) : ops.update(entity, payload, flags);
      break;
    case 'delete':
      result = ops.remove(entity, payload);
      break;
    case 'void':
      result = ops.voidTxn(entity, payload);
      break;
    case '':
      throw faults.requiredParam('operation');
    default:
      throw faults.unsupportedOperation(`Operation ${operation} is not supported.`);
  }
  return `"${entity}":${JSON.stringify(result)}`;
}
