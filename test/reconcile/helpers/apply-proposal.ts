/**
 * Applies proposed writes straight to the QBO stand-in's operations (the push engine is a later
 * issue), resolving `$new:<step>` placeholders to the Ids the creates returned, then copies the
 * stand-in's entities back into the mirror as a sync would.
 */
import { Operations } from '../../../sandbox/qbo/operations';
import { DEFAULT_QBO_OPTIONS, createQboStandIn } from '../../../sandbox/qbo/index';
import { defaultStandInOptions } from '../../../sandbox/common/types';
import type { SeedBooks } from '../../../sandbox/seed/types';
import type { EntityName } from '../../../sandbox/qbo/entities';
import type { CompanyDb } from '../../../main/mirror/open';
import { writeQboEntities, type MirroredEntity } from '../../../main/mirror/qbo/write';
import type { ProposedWrite } from '../../../main/reconcile/proposals/payloads';

const SYNCED: MirroredEntity[] = ['Customer', 'Item', 'Invoice', 'SalesReceipt', 'CreditMemo', 'RefundReceipt', 'Payment'];

export interface StandInBooks {
  ops: Operations;
  apply(writes: readonly ProposedWrite[]): void;
  syncInto(db: CompanyDb): void;
  create(entity: EntityName, body: Record<string, unknown>): Record<string, unknown>;
}

function resolve(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string' && value.startsWith('$new:')) {
    const id = ids.get(value.slice(5));
    if (id === undefined) throw new Error(`placeholder ${value} names no earlier step`);
    return id;
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, ids));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, ids)]));
  return value;
}

export function standInBooks(books: SeedBooks, realmId: string, now: number): StandInBooks {
  const standIn = createQboStandIn({
    realms: [structuredClone(books)],
    tokens: { verifyAccessToken: () => ({ ok: true, realmId }) },
    options: defaultStandInOptions({ now: () => now, rateLimits: 'off' }),
  });
  const realm = standIn.realm(realmId);
  const ops = new Operations(realm, DEFAULT_QBO_OPTIONS, () => now);
  const flags = { allowDuplicateDocNum: false };
  return {
    ops,
    create: (entity, body) => ops.create(entity, body, flags),
    apply(writes) {
      const ids = new Map<string, string>();
      for (const w of writes) {
        const payload = resolve(w.payload, ids) as Record<string, unknown>;
        const entity = w.entity as EntityName;
        const out = w.operation === 'create' ? ops.create(entity, payload, flags) : w.operation === 'update' ? ops.update(entity, payload, flags) : ops.voidTxn(entity, payload);
        ids.set(w.step, out.Id);
      }
    },
    syncInto(db) {
      for (const entity of SYNCED) writeQboEntities(db, entity, realm.tables[entity as EntityName].rows.map((r) => r.obj));
    },
  };
}
