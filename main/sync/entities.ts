/**
 * How each mirrored QBO entity is pulled.
 * - `cdc`: big or changing lists and every transaction type. A full pull once, then Change Data
 *   Capture; Ids are increasing integers, which paging and count reconciliation rely on.
 * - `list`: TaxCode and TaxRate, which CDC does not serve (qbo-api.md §9). They are small and can
 *   only be made inactive, never deleted, so every sync re-reads them whole.
 * - `singleton`: CompanyInfo and Preferences, one object each, re-read every sync.
 * Name lists hide inactive entries unless the query names `Active`, so their statements ask for both.
 */
import { MIRRORED_ENTITIES, type MirroredEntity } from '../mirror/qbo/write';

export type PullKind = 'cdc' | 'list' | 'singleton';

const KIND: Record<MirroredEntity, PullKind> = {
  CompanyInfo: 'singleton',
  Preferences: 'singleton',
  TaxCode: 'list',
  TaxRate: 'list',
  Account: 'cdc',
  PaymentMethod: 'cdc',
  Customer: 'cdc',
  Item: 'cdc',
  Invoice: 'cdc',
  SalesReceipt: 'cdc',
  CreditMemo: 'cdc',
  RefundReceipt: 'cdc',
  Payment: 'cdc',
};

const NAME_LISTS = new Set<MirroredEntity>(['TaxCode', 'TaxRate', 'Account', 'PaymentMethod', 'Customer', 'Item']);

export function pullKind(entity: MirroredEntity): PullKind {
  return KIND[entity];
}

export const CDC_ENTITIES: readonly MirroredEntity[] = MIRRORED_ENTITIES.filter((e) => KIND[e] === 'cdc');

/** `SELECT * FROM <entity> WHERE ...` (or `SELECT COUNT(*)`), inactive name-list entries included. */
export function statement(entity: MirroredEntity, conditions: readonly string[] = [], opts: { count?: boolean; orderBy?: string } = {}): string {
  const where = [...(NAME_LISTS.has(entity) ? ['Active IN (true, false)'] : []), ...conditions];
  const head = `SELECT ${opts.count ? 'COUNT(*)' : '*'} FROM ${entity}`;
  const filter = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  const order = opts.orderBy ? ` ORDERBY ${opts.orderBy}` : '';
  return head + filter + order;
}

/** A quoted literal for a QBO query (backslash escapes `'` and `\`, qbo-api.md §2). */
export function literal(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}
