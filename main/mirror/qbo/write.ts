/**
 * Writes QBO entities into the mirror. The sync engine hands over one page (or one CDC answer)
 * at a time; everything in one call commits together, so a page is either all in or not at all.
 */
import { logChanges, type ChangedEntity } from '../changes';
import type { CompanyDb } from '../open';
import { perConnection } from '../statements';
import {
  LIST_ENTITIES,
  SALES_TXN_TYPES,
  projectCompanyInfo,
  projectCustomer,
  projectItem,
  projectListEntity,
  projectPayment,
  projectPreferences,
  projectSalesTxn,
  type Json,
  type ListEntity,
  type SalesTxnType,
} from './project';

export const MIRRORED_ENTITIES = [
  'CompanyInfo',
  'Preferences',
  ...LIST_ENTITIES,
  'Customer',
  'Item',
  ...SALES_TXN_TYPES,
  'Payment',
] as const;
export type MirroredEntity = (typeof MIRRORED_ENTITIES)[number];


const isSalesTxn = (e: string): e is SalesTxnType => (SALES_TXN_TYPES as readonly string[]).includes(e);
const isList = (e: string): e is ListEntity => (LIST_ENTITIES as readonly string[]).includes(e);

const statements = perConnection((db) => ({
  company: db.prepare(`INSERT INTO qbo_company (key, id, name, home_currency, country, last_updated, raw)
    VALUES (@key, @id, @name, @homeCurrency, @country, @lastUpdated, @raw)
    ON CONFLICT (key) DO UPDATE SET id = excluded.id, name = excluded.name, home_currency = excluded.home_currency,
      country = excluded.country, last_updated = excluded.last_updated, raw = excluded.raw`),
  customer: db.prepare(`INSERT OR REPLACE INTO qbo_customers (id, sync_token, display_name, given_name, family_name, company_name, email, active, last_updated, raw)
    VALUES (@id, @syncToken, @displayName, @givenName, @familyName, @companyName, @email, @active, @lastUpdated, @raw)`),
  item: db.prepare(`INSERT OR REPLACE INTO qbo_items (id, sync_token, name, sku, type, active, last_updated, raw)
    VALUES (@id, @syncToken, @name, @sku, @type, @active, @lastUpdated, @raw)`),
  list: db.prepare(`INSERT OR REPLACE INTO qbo_lists (entity, id, sync_token, name, active, subtype, last_updated, raw)
    VALUES (@entity, @id, @syncToken, @name, @active, @subtype, @lastUpdated, @raw)`),
  // Upsert rather than REPLACE: REPLACE deletes first, and the cascade would race the line rewrite.
  salesTxn: db.prepare(`INSERT INTO qbo_sales_txns (type, id, sync_token, doc_number, txn_date, customer_id, currency, total, balance,
      total_tax, private_note, stamp, voided, created_at, last_updated, raw)
    VALUES (@type, @id, @syncToken, @docNumber, @txnDate, @customerId, @currency, @total, @balance, @totalTax, @privateNote, @stamp,
      @voided, @createdAt, @lastUpdated, @raw)
    ON CONFLICT (type, id) DO UPDATE SET sync_token = excluded.sync_token, doc_number = excluded.doc_number, txn_date = excluded.txn_date,
      customer_id = excluded.customer_id, currency = excluded.currency, total = excluded.total, balance = excluded.balance,
      total_tax = excluded.total_tax, private_note = excluded.private_note, stamp = excluded.stamp, voided = excluded.voided,
      created_at = excluded.created_at, last_updated = excluded.last_updated, raw = excluded.raw`),
  deleteLines: db.prepare('DELETE FROM qbo_sales_txn_lines WHERE type = ? AND txn_id = ?'),
  line: db.prepare(`INSERT INTO qbo_sales_txn_lines (type, txn_id, line_no, line_id, detail_type, item_id, description, qty, unit_price, amount, tax_code)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  payment: db.prepare(`INSERT INTO qbo_payments (id, sync_token, txn_date, customer_id, currency, total, unapplied, deposit_account_id,
      payment_method_id, private_note, stamp, voided, last_updated, raw)
    VALUES (@id, @syncToken, @txnDate, @customerId, @currency, @total, @unapplied, @depositAccountId, @paymentMethodId, @privateNote,
      @stamp, @voided, @lastUpdated, @raw)
    ON CONFLICT (id) DO UPDATE SET sync_token = excluded.sync_token, txn_date = excluded.txn_date, customer_id = excluded.customer_id,
      currency = excluded.currency, total = excluded.total, unapplied = excluded.unapplied,
      deposit_account_id = excluded.deposit_account_id, payment_method_id = excluded.payment_method_id,
      private_note = excluded.private_note, stamp = excluded.stamp, voided = excluded.voided, last_updated = excluded.last_updated,
      raw = excluded.raw`),
  deleteLinks: db.prepare('DELETE FROM qbo_payment_links WHERE payment_id = ?'),
  link: db.prepare('INSERT OR REPLACE INTO qbo_payment_links (payment_id, line_no, txn_type, txn_id, amount) VALUES (?, ?, ?, ?, ?)'),
  homeCurrency: db.prepare<[], { home_currency: string | null }>("SELECT home_currency FROM qbo_company WHERE key = 'Preferences'"),
}));

/** The company's home currency from the mirrored Preferences (US companies: USD). */
export function homeCurrency(db: CompanyDb): string {
  return statements(db).homeCurrency.get()?.home_currency ?? 'USD';
}

/** How reconciliation names a changed entity in the change log; lists and company settings it does not read. */
function logEntry(entity: MirroredEntity): { kind: ChangedEntity; key: (id: string) => string } | null {
  if (entity === 'Customer') return { kind: 'customer', key: (id) => id };
  if (entity === 'Item') return { kind: 'item', key: (id) => id };
  if (isSalesTxn(entity) || entity === 'Payment') return { kind: 'doc', key: (id) => `${entity}:${id}` };
  return null;
}

function logWritten(db: CompanyDb, entity: MirroredEntity, ids: readonly string[]): void {
  const entry = logEntry(entity);
  if (entry) logChanges(db, entry.kind, ids.map(entry.key));
}

/** Adds or replaces `rows` of one entity, in one transaction (a savepoint inside a caller's). */
export function writeQboEntities(db: CompanyDb, entity: MirroredEntity, rows: readonly Json[]): void {
  const s = statements(db);
  db.transaction(() => {
    logWritten(db, entity, rows.map((json) => String(json.Id)));
    const currency = isSalesTxn(entity) || entity === 'Payment' ? homeCurrency(db) : 'USD';
    for (const json of rows) {
      if (entity === 'CompanyInfo') s.company.run(projectCompanyInfo(json));
      else if (entity === 'Preferences') s.company.run(projectPreferences(json));
      else if (entity === 'Customer') s.customer.run(projectCustomer(json));
      else if (entity === 'Item') s.item.run(projectItem(json));
      else if (isList(entity)) s.list.run(projectListEntity(entity, json));
      else if (isSalesTxn(entity)) {
        const { lines, ...row } = projectSalesTxn(entity, json, currency);
        s.salesTxn.run(row);
        s.deleteLines.run(row.type, row.id);
        for (const l of lines) s.line.run(row.type, row.id, l.lineNo, l.lineId, l.detailType, l.itemId, l.description, l.qty, l.unitPrice, l.amount, l.taxCode);
      } else {
        const { links, ...row } = projectPayment(json, currency);
        s.payment.run(row);
        s.deleteLinks.run(row.id);
        for (const l of links) s.link.run(row.id, l.lineNo, l.txnType, l.txnId, l.amount);
      }
    }
  })();
}

const DELETE_SQL: Record<Exclude<MirroredEntity, 'CompanyInfo' | 'Preferences'>, string> = {
  Customer: 'DELETE FROM qbo_customers WHERE id = ?',
  Item: 'DELETE FROM qbo_items WHERE id = ?',
  TaxCode: "DELETE FROM qbo_lists WHERE entity = 'TaxCode' AND id = ?",
  TaxRate: "DELETE FROM qbo_lists WHERE entity = 'TaxRate' AND id = ?",
  Account: "DELETE FROM qbo_lists WHERE entity = 'Account' AND id = ?",
  PaymentMethod: "DELETE FROM qbo_lists WHERE entity = 'PaymentMethod' AND id = ?",
  Invoice: "DELETE FROM qbo_sales_txns WHERE type = 'Invoice' AND id = ?",
  SalesReceipt: "DELETE FROM qbo_sales_txns WHERE type = 'SalesReceipt' AND id = ?",
  CreditMemo: "DELETE FROM qbo_sales_txns WHERE type = 'CreditMemo' AND id = ?",
  RefundReceipt: "DELETE FROM qbo_sales_txns WHERE type = 'RefundReceipt' AND id = ?",
  Payment: 'DELETE FROM qbo_payments WHERE id = ?',
};

/** Removes entities QBO reports deleted (CDC `status: "Deleted"`); lines and links cascade. */
export function deleteQboEntities(db: CompanyDb, entity: MirroredEntity, ids: readonly string[]): void {
  if (entity === 'CompanyInfo' || entity === 'Preferences') return;
  const statement = db.prepare(DELETE_SQL[entity]);
  db.transaction(() => {
    for (const id of ids) statement.run(id);
    logWritten(db, entity, ids);
  })();
}
