/**
 * What a proposal needs to know about the company's QuickBooks lists, read from the mirror:
 * customers by email, items by SKU (or by name for products without one), a document's current
 * Id / SyncToken / lines.
 */
import type { CompanyDb } from '../../mirror/open';

export interface QboLookup {
  customerByEmail(email: string): { id: string; displayName: string } | null;
  customerNameTaken(displayName: string): boolean;
  itemBySku(sku: string): { id: string; name: string } | null;
  itemByName(title: string): { id: string; name: string } | null;
  docJson(type: string, id: string): Record<string, unknown> | null;
}

export function mirrorLookup(db: CompanyDb): QboLookup {
  const byEmail = db.prepare("SELECT id, display_name FROM qbo_customers WHERE email = ? COLLATE NOCASE AND active = 1 ORDER BY length(id), id LIMIT 1");
  const byName = db.prepare('SELECT 1 FROM qbo_customers WHERE display_name = ? COLLATE NOCASE LIMIT 1');
  const bySku = db.prepare('SELECT id, name FROM qbo_items WHERE sku = ? AND active = 1 ORDER BY length(id), id LIMIT 1');
  const itemByName = db.prepare("SELECT id, name FROM qbo_items WHERE sku IS NULL AND active = 1 AND (name = ? OR substr(name, 1, length(?) + 3) = ? || ' - ') ORDER BY name = ? DESC, length(id), id LIMIT 1");
  const doc = db.prepare('SELECT raw FROM qbo_sales_txns WHERE type = ? AND id = ?');
  return {
    customerByEmail(email) {
      const r = byEmail.get(email) as { id: string; display_name: string } | undefined;
      return r ? { id: r.id, displayName: r.display_name } : null;
    },
    customerNameTaken: (name) => byName.get(name) !== undefined,
    itemBySku: (sku) => (bySku.get(sku) as { id: string; name: string } | undefined) ?? null,
    itemByName: (title) => (itemByName.get(title, title, title, title) as { id: string; name: string } | undefined) ?? null,
    docJson(type, id) {
      const r = doc.get(type, id) as { raw: string } | undefined;
      return r ? (JSON.parse(r.raw) as Record<string, unknown>) : null;
    },
  };
}
