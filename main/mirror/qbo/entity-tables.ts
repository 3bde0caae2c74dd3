/**
 * Where each mirrored QBO entity lives, for the sync engine's bookkeeping: how many rows the
 * mirror holds, which Ids, and each row's SyncToken and raw JSON (the record-by-record comparison).
 */
import type { CompanyDb } from '../open';
import type { MirroredEntity } from './write';

const WHERE: Record<MirroredEntity, { table: string; filter: string }> = {
  CompanyInfo: { table: 'qbo_company', filter: "key = 'CompanyInfo'" },
  Preferences: { table: 'qbo_company', filter: "key = 'Preferences'" },
  TaxCode: { table: 'qbo_lists', filter: "entity = 'TaxCode'" },
  TaxRate: { table: 'qbo_lists', filter: "entity = 'TaxRate'" },
  Account: { table: 'qbo_lists', filter: "entity = 'Account'" },
  PaymentMethod: { table: 'qbo_lists', filter: "entity = 'PaymentMethod'" },
  Customer: { table: 'qbo_customers', filter: '1' },
  Item: { table: 'qbo_items', filter: '1' },
  Invoice: { table: 'qbo_sales_txns', filter: "type = 'Invoice'" },
  SalesReceipt: { table: 'qbo_sales_txns', filter: "type = 'SalesReceipt'" },
  CreditMemo: { table: 'qbo_sales_txns', filter: "type = 'CreditMemo'" },
  RefundReceipt: { table: 'qbo_sales_txns', filter: "type = 'RefundReceipt'" },
  Payment: { table: 'qbo_payments', filter: '1' },
};

export function localCount(db: CompanyDb, entity: MirroredEntity): number {
  const { table, filter } = WHERE[entity];
  return (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${filter}`).get() as { n: number }).n;
}

/** Every Id the mirror holds for `entity` (as text, QBO's form). */
export function localIds(db: CompanyDb, entity: MirroredEntity): string[] {
  const { table, filter } = WHERE[entity];
  return (db.prepare(`SELECT id FROM ${table} WHERE ${filter}`).pluck().all() as string[]);
}

export interface MirroredRecord {
  id: string;
  syncToken: string | null;
  raw: string;
}

/** Every record of `entity` in Id order: what a mirror-equals-QuickBooks check compares. */
export function localRecords(db: CompanyDb, entity: MirroredEntity): MirroredRecord[] {
  const { table, filter } = WHERE[entity];
  const token = table === 'qbo_company' ? 'NULL' : 'sync_token';
  return db.prepare(`SELECT id, ${token} AS syncToken, raw FROM ${table} WHERE ${filter} ORDER BY id`).all() as MirroredRecord[];
}
