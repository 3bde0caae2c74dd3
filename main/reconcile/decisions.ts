/**
 * The bookkeeper's decisions, stored in the mirror (migration 004) and read back by every
 * reconcile: confirm or reject a suggested match, link or unlink by hand, accept a difference,
 * ignore an order. Each function is one transaction and checks the order / document exist, so a
 * typo never records a decision about nothing.
 */
import type { CompanyDb } from '../mirror/open';
import { splitDocKey, splitOrderKey, type Decisions, type DocKey, type DocType, type OrderKey } from './types';

export class DecisionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecisionError';
  }
}

export interface Actor {
  /** Who decided (OS user name in the CLI and the app). */
  by: string;
  /** When; defaults to now. */
  at?: string;
}

const DOC_TYPES: readonly DocType[] = ['Invoice', 'SalesReceipt', 'CreditMemo', 'RefundReceipt', 'Payment'];

export function loadDecisions(db: CompanyDb): Decisions {
  const links = db.prepare('SELECT store_id, source_id, doc_type, doc_id, method, made_by, made_at FROM reconcile_links').all() as Array<Record<string, string>>;
  const rejections = db.prepare('SELECT store_id, source_id, doc_type, doc_id FROM reconcile_rejections').all() as Array<Record<string, string>>;
  const accepted = db.prepare('SELECT store_id, source_id, field, order_hash, doc_version, made_by, made_at FROM reconcile_accepted').all() as Array<Record<string, string>>;
  const ignored = db.prepare('SELECT store_id, source_id, reason, made_by, made_at FROM reconcile_ignored').all() as Array<Record<string, string>>;
  const ok = (r: Record<string, string>): OrderKey => `${r.store_id}/${r.source_id}`;
  return {
    links: links.map((r) => ({ orderKey: ok(r), docKey: `${r.doc_type}:${r.doc_id}`, method: r.method as 'manual' | 'confirmed', by: r.made_by!, at: r.made_at! })),
    rejections: rejections.map((r) => ({ orderKey: ok(r), docKey: `${r.doc_type}:${r.doc_id}` })),
    accepted: accepted.map((r) => ({ orderKey: ok(r), field: r.field!, orderHash: r.order_hash!, docVersion: r.doc_version!, by: r.made_by!, at: r.made_at! })),
    ignored: ignored.map((r) => ({ orderKey: ok(r), reason: r.reason!, by: r.made_by!, at: r.made_at! })),
  };
}

function requireOrder(db: CompanyDb, orderKey: OrderKey): { storeId: string; sourceId: string; contentHash: string } {
  const { storeId, sourceId } = splitOrderKey(orderKey);
  const row = db.prepare('SELECT content_hash FROM store_orders WHERE store_id = ? AND source_id = ?').get(storeId, sourceId) as { content_hash: Buffer } | undefined;
  if (!row) throw new DecisionError(`no order ${orderKey} in this company's mirror`);
  return { storeId, sourceId, contentHash: row.content_hash.toString('hex') };
}

function requireDoc(db: CompanyDb, docKey: DocKey): { type: DocType; id: string; syncToken: string } {
  const { type, id } = splitDocKey(docKey);
  if (!DOC_TYPES.includes(type)) throw new DecisionError(`${JSON.stringify(docKey)} is not a QuickBooks document (expected Invoice:ID, SalesReceipt:ID, CreditMemo:ID, RefundReceipt:ID or Payment:ID)`);
  const row = (type === 'Payment'
    ? db.prepare('SELECT sync_token FROM qbo_payments WHERE id = ?').get(id)
    : db.prepare('SELECT sync_token FROM qbo_sales_txns WHERE type = ? AND id = ?').get(type, id)) as { sync_token: string } | undefined;
  if (!row) throw new DecisionError(`no QuickBooks ${type} ${id} in this company's mirror`);
  return { type, id, syncToken: row.sync_token };
}

const now = (a: Actor): string => a.at ?? new Date().toISOString();

/**
 * Links an order to a document by hand (`manual`) or confirms a suggested match (`confirmed`).
 * A document has at most one manual link; linking it again moves it. A rejection of the same
 * pair is lifted: the newest decision wins.
 */
export function linkDocument(db: CompanyDb, orderKey: OrderKey, docKey: DocKey, actor: Actor, method: 'manual' | 'confirmed' = 'manual'): void {
  const o = requireOrder(db, orderKey);
  const d = requireDoc(db, docKey);
  db.transaction(() => {
    db.prepare('DELETE FROM reconcile_links WHERE doc_type = ? AND doc_id = ?').run(d.type, d.id);
    db.prepare('DELETE FROM reconcile_rejections WHERE store_id = ? AND source_id = ? AND doc_type = ? AND doc_id = ?').run(o.storeId, o.sourceId, d.type, d.id);
    db.prepare('INSERT INTO reconcile_links (store_id, source_id, doc_type, doc_id, method, made_by, made_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(o.storeId, o.sourceId, d.type, d.id, method, actor.by, now(actor));
  })();
}

/** Rejects a pair (a suggestion, or any link): no pass joins them again, and a manual link goes. */
export function rejectPair(db: CompanyDb, orderKey: OrderKey, docKey: DocKey, actor: Actor): void {
  const o = requireOrder(db, orderKey);
  const d = requireDoc(db, docKey);
  db.transaction(() => {
    db.prepare('DELETE FROM reconcile_links WHERE store_id = ? AND source_id = ? AND doc_type = ? AND doc_id = ?').run(o.storeId, o.sourceId, d.type, d.id);
    db.prepare('INSERT OR REPLACE INTO reconcile_rejections (store_id, source_id, doc_type, doc_id, made_by, made_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(o.storeId, o.sourceId, d.type, d.id, actor.by, now(actor));
  })();
}

/** Unlinking is rejecting the pair: otherwise the stamp or DocNumber would join them again. */
export const unlinkDocument = rejectPair;

/**
 * Accepts one difference (`tax`, `line:HG-OYS quantity`, …) of an order against its linked
 * document as it is now; it holds until either side changes.
 */
export function acceptDifference(db: CompanyDb, orderKey: OrderKey, docKey: DocKey, field: string, actor: Actor): void {
  const o = requireOrder(db, orderKey);
  const d = requireDoc(db, docKey);
  if (field.trim() === '') throw new DecisionError('say which difference to accept (e.g. tax, shipping, line:SKU quantity)');
  db.prepare('INSERT OR REPLACE INTO reconcile_accepted (store_id, source_id, field, order_hash, doc_version, made_by, made_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(o.storeId, o.sourceId, field, o.contentHash, `${d.type}:${d.id}@${d.syncToken}`, actor.by, now(actor));
}

export function ignoreOrder(db: CompanyDb, orderKey: OrderKey, reason: string, actor: Actor): void {
  const o = requireOrder(db, orderKey);
  if (reason.trim() === '') throw new DecisionError('say why the order is ignored (e.g. "test order")');
  db.prepare('INSERT OR REPLACE INTO reconcile_ignored (store_id, source_id, reason, made_by, made_at) VALUES (?, ?, ?, ?, ?)')
    .run(o.storeId, o.sourceId, reason.trim(), actor.by, now(actor));
}

export function unignoreOrder(db: CompanyDb, orderKey: OrderKey): boolean {
  const { storeId, sourceId } = splitOrderKey(orderKey);
  return db.prepare('DELETE FROM reconcile_ignored WHERE store_id = ? AND source_id = ?').run(storeId, sourceId).changes > 0;
}

