/**
 * The demo store's posting preferences, set up the way its bookkeeper would: the company's
 * shipping item, deposit and income accounts by name, and each combination of store taxes mapped
 * to the QuickBooks tax code already used for it on posted documents. Read from the mirror.
 */
import type { CompanyDb } from '../mirror/open';
import { loadOrder } from '../mirror/store-orders';
import { taxSignature, type PostingPreferences } from '../reconcile/posting-preferences';

const byName = (db: CompanyDb, sql: string, name: string): string | undefined =>
  (db.prepare(sql).get(name) as { id: string } | undefined)?.id;

export function demoPostingPreferences(db: CompanyDb, storeId: string): Partial<PostingPreferences> {
  const taxCodes: Record<string, string> = {};
  const stamped = db.prepare("SELECT stamp, raw FROM qbo_sales_txns WHERE stamp IS NOT NULL AND type IN ('Invoice', 'SalesReceipt') AND voided = 0").all() as Array<{ stamp: string; raw: string }>;
  for (const doc of stamped) {
    const code = (JSON.parse(doc.raw) as { TxnTaxDetail?: { TxnTaxCodeRef?: { value?: string } } }).TxnTaxDetail?.TxnTaxCodeRef?.value;
    const sourceId = doc.stamp.split(':')[2];
    const order = code && sourceId ? loadOrder(db, storeId, sourceId) : undefined;
    if (order && order.taxLines.length > 0) taxCodes[taxSignature(order.taxLines.map((t) => t.title))] ??= code!;
  }
  const shippingItemId = byName(db, "SELECT id FROM qbo_items WHERE name = ? AND active = 1", 'Shipping');
  const depositAccountId = byName(db, "SELECT id FROM qbo_lists WHERE entity = 'Account' AND name = ?", 'Undeposited Funds');
  const incomeAccountId = byName(db, "SELECT id FROM qbo_lists WHERE entity = 'Account' AND name = ?", 'Sales of Product Income');
  return {
    taxCodes,
    ...(shippingItemId ? { shippingItemId } : {}),
    ...(depositAccountId ? { depositAccountId } : {}),
    ...(incomeAccountId ? { incomeAccountId } : {}),
  };
}
