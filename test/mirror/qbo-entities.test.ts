/** Migration 002 and the QBO writer, fed with the seeded business's books (as QBO serves them). */
import { describe, expect, it } from 'vitest';
import { openCompanyDb } from '../../main/mirror/open';
import { parseDecimal } from '../../main/orders/money';
import { findStamp } from '../../main/mirror/qbo/stamp';
import { deleteQboEntities, homeCurrency, MIRRORED_ENTITIES, writeQboEntities } from '../../main/mirror/qbo/write';
import { ProjectionError } from '../../main/mirror/qbo/project';
import { demoBusiness } from '../../sandbox/seed';
import { tempDir } from '../helpers/tmp';

const count = (db: ReturnType<typeof openCompanyDb>, sql: string) => (db.prepare(sql).get() as { n: number }).n;

function mirrorOfDemo() {
  const { books } = demoBusiness();
  const db = openCompanyDb(tempDir(), books.realmId);
  for (const entity of MIRRORED_ENTITIES) {
    const rows = entity === 'CompanyInfo' || entity === 'Preferences' ? [books[entity]] : books[entity];
    writeQboEntities(db, entity, rows as Record<string, unknown>[]);
  }
  return { db, books };
}

describe('migration 002: QBO entities', () => {
  it('creates the entity tables and one view per document type', () => {
    const db = openCompanyDb(tempDir(), '123');
    const names = (db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table','view') ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    for (const name of ['qbo_company', 'qbo_customers', 'qbo_items', 'qbo_sales_txns', 'qbo_sales_txn_lines', 'qbo_payments', 'qbo_payment_links', 'qbo_lists',
      'qbo_invoices', 'qbo_sales_receipts', 'qbo_credit_memos', 'qbo_refund_receipts', 'qbo_tax_codes', 'qbo_accounts', 'qbo_payment_methods']) {
      expect(names).toContain(name);
    }
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('writing QBO entities into the mirror', () => {
  it('keeps every entity of the seeded books with exact money and the raw JSON', () => {
    const { db, books } = mirrorOfDemo();
    expect(homeCurrency(db)).toBe('USD');
    expect(count(db, 'SELECT count(*) n FROM qbo_customers')).toBe(books.Customer.length);
    expect(count(db, 'SELECT count(*) n FROM qbo_items')).toBe(books.Item.length);
    expect(count(db, 'SELECT count(*) n FROM qbo_invoices')).toBe(books.Invoice.length);
    expect(count(db, 'SELECT count(*) n FROM qbo_sales_receipts')).toBe(books.SalesReceipt.length);
    expect(count(db, 'SELECT count(*) n FROM qbo_payments')).toBe(books.Payment.length);
    expect(count(db, 'SELECT count(*) n FROM qbo_accounts')).toBe(books.Account.length);

    for (const doc of [...books.Invoice, ...books.SalesReceipt]) {
      const type = books.Invoice.includes(doc) ? 'Invoice' : 'SalesReceipt';
      const row = db.prepare('SELECT * FROM qbo_sales_txns WHERE type = ? AND id = ?').get(type, doc.Id) as Record<string, unknown>;
      expect(row.total).toBe(parseDecimal(String(doc.TotalAmt), 'USD'));
      expect(row.stamp).toBe(findStamp(doc.PrivateNote));
      expect(JSON.parse(row.raw as string)).toEqual(doc);
      const lineSum = (db.prepare("SELECT coalesce(sum(amount),0) s FROM qbo_sales_txn_lines WHERE type = ? AND txn_id = ? AND detail_type = 'SalesItemLineDetail'").get(type, doc.Id) as { s: number }).s;
      const expected = (doc.Line as { DetailType: string; Amount: number }[])
        .filter((l) => l.DetailType === 'SalesItemLineDetail')
        .reduce((s, l) => s + parseDecimal(String(l.Amount), 'USD'), 0);
      expect(lineSum).toBe(expected);
    }
    const links = count(db, 'SELECT count(*) n FROM qbo_payment_links');
    expect(links).toBe(books.Payment.reduce((n, p) => n + (p.Line as { LinkedTxn?: unknown[] }[]).reduce((m, l) => m + (l.LinkedTxn?.length ?? 0), 0), 0));
    expect(count(db, 'SELECT count(*) n FROM qbo_sales_txns WHERE voided = 1')).toBeGreaterThan(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('replaces a changed document with its new lines, and deletes with its lines', () => {
    const { db, books } = mirrorOfDemo();
    const doc = structuredClone(books.SalesReceipt[0]!);
    const before = count(db, `SELECT count(*) n FROM qbo_sales_txn_lines WHERE type = 'SalesReceipt' AND txn_id = '${doc.Id}'`);
    doc.Line = (doc.Line as unknown[]).slice(0, 1);
    doc.SyncToken = String(Number(doc.SyncToken) + 1);
    writeQboEntities(db, 'SalesReceipt', [doc]);
    expect(count(db, `SELECT count(*) n FROM qbo_sales_txn_lines WHERE type = 'SalesReceipt' AND txn_id = '${doc.Id}'`)).toBe(1);
    expect(before).toBeGreaterThan(1);
    deleteQboEntities(db, 'SalesReceipt', [doc.Id]);
    expect(count(db, `SELECT count(*) n FROM qbo_sales_txns WHERE id = '${doc.Id}' AND type = 'SalesReceipt'`)).toBe(0);
    expect(count(db, `SELECT count(*) n FROM qbo_sales_txn_lines WHERE type = 'SalesReceipt' AND txn_id = '${doc.Id}'`)).toBe(0);
  });

  it('refuses a page with a malformed amount and writes none of it', () => {
    const { db, books } = mirrorOfDemo();
    const good = { ...books.Customer[0]!, Id: '990001', DisplayName: 'New One' };
    const bad = { ...books.SalesReceipt[0]!, Id: '990002', TotalAmt: 'twelve' };
    expect(() => db.transaction(() => {
      writeQboEntities(db, 'Customer', [good]);
      writeQboEntities(db, 'SalesReceipt', [bad]);
    })()).toThrow(ProjectionError);
    expect(count(db, "SELECT count(*) n FROM qbo_customers WHERE id = '990001'")).toBe(0);
  });
});
