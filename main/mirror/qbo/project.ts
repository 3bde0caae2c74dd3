/**
 * QBO JSON → the columns the mirror keeps. Pure functions: the sync engine projects a page, then
 * writes it in one transaction. Amounts become integer minor units by reading the JSON number's
 * shortest decimal text (String(12.34) is "12.34"), never by multiplying a float.
 */
import { parseDecimal } from '../../orders/money';
import { findStamp } from './stamp';

export type Json = Record<string, unknown>;

export const SALES_TXN_TYPES = ['Invoice', 'SalesReceipt', 'CreditMemo', 'RefundReceipt'] as const;
export type SalesTxnType = (typeof SALES_TXN_TYPES)[number];
export const LIST_ENTITIES = ['TaxCode', 'TaxRate', 'Account', 'PaymentMethod'] as const;
export type ListEntity = (typeof LIST_ENTITIES)[number];

export class ProjectionError extends Error {
  constructor(entity: string, id: unknown, field: string, reason: string) {
    super(`QuickBooks ${entity} ${String(id ?? '?')}: ${field} ${reason}`);
    this.name = 'ProjectionError';
  }
}

const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const ref = (v: unknown): string | null => str(obj(v).value);

function money(entity: string, id: unknown, field: string, value: unknown, currency: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ProjectionError(entity, id, field, `is not a number: ${JSON.stringify(value)}`);
  try {
    return parseDecimal(String(value), currency);
  } catch (error) {
    throw new ProjectionError(entity, id, field, error instanceof Error ? error.message : String(error));
  }
}

function required(entity: string, json: Json, field: string): string {
  const value = json[field];
  if (typeof value !== 'string' || value === '') throw new ProjectionError(entity, json.Id, field, 'is missing');
  return value;
}

/** MetaData times carry the company's offset; the mirror keeps UTC instants. */
function utc(entity: string, json: Json, field: 'CreateTime' | 'LastUpdatedTime'): string {
  const text = obj(json.MetaData)[field];
  const ms = typeof text === 'string' ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw new ProjectionError(entity, json.Id, `MetaData.${field}`, `is not a time: ${JSON.stringify(text)}`);
  return new Date(ms).toISOString();
}

function isVoided(json: Json): boolean {
  return json.status === 'Voided' || (json.TotalAmt === 0 && /^Voided\b/.test(String(json.PrivateNote ?? '')));
}

export interface CustomerRow {
  id: string;
  syncToken: string;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  companyName: string | null;
  email: string | null;
  active: number;
  lastUpdated: string;
  raw: string;
}

export function projectCustomer(json: Json): CustomerRow {
  return {
    id: required('Customer', json, 'Id'),
    syncToken: required('Customer', json, 'SyncToken'),
    displayName: required('Customer', json, 'DisplayName'),
    givenName: str(json.GivenName),
    familyName: str(json.FamilyName),
    companyName: str(json.CompanyName),
    email: str(obj(json.PrimaryEmailAddr).Address)?.toLowerCase() ?? null,
    active: json.Active === false ? 0 : 1,
    lastUpdated: utc('Customer', json, 'LastUpdatedTime'),
    raw: JSON.stringify(json),
  };
}

export interface ItemRow {
  id: string;
  syncToken: string;
  name: string;
  sku: string | null;
  type: string | null;
  active: number;
  lastUpdated: string;
  raw: string;
}

export function projectItem(json: Json): ItemRow {
  return {
    id: required('Item', json, 'Id'),
    syncToken: required('Item', json, 'SyncToken'),
    name: required('Item', json, 'Name'),
    sku: str(json.Sku),
    type: str(json.Type),
    active: json.Active === false ? 0 : 1,
    lastUpdated: utc('Item', json, 'LastUpdatedTime'),
    raw: JSON.stringify(json),
  };
}

export interface SalesTxnLineRow {
  lineNo: number;
  lineId: string | null;
  detailType: string;
  itemId: string | null;
  description: string | null;
  qty: number | null;
  unitPrice: string | null;
  amount: number;
  taxCode: string | null;
}

export interface SalesTxnRow {
  type: SalesTxnType;
  id: string;
  syncToken: string;
  docNumber: string | null;
  txnDate: string;
  customerId: string | null;
  currency: string;
  total: number;
  balance: number | null;
  totalTax: number;
  privateNote: string | null;
  stamp: string | null;
  voided: number;
  createdAt: string;
  lastUpdated: string;
  raw: string;
  lines: SalesTxnLineRow[];
}

export function projectSalesTxn(type: SalesTxnType, json: Json, homeCurrency: string): SalesTxnRow {
  const id = required(type, json, 'Id');
  const currency = ref(json.CurrencyRef) ?? homeCurrency;
  const lines = (Array.isArray(json.Line) ? (json.Line as unknown[]) : []).map((value, index): SalesTxnLineRow => {
    const line = obj(value);
    const detailType = str(line.DetailType) ?? 'Unknown';
    const detail = obj(line[detailType]);
    return {
      lineNo: index + 1,
      lineId: str(line.Id),
      detailType,
      itemId: ref(detail.ItemRef),
      description: str(line.Description),
      qty: typeof detail.Qty === 'number' ? detail.Qty : null,
      unitPrice: typeof detail.UnitPrice === 'number' ? String(detail.UnitPrice) : null,
      amount: money(type, id, `Line[${index}].Amount`, line.Amount, currency),
      taxCode: ref(detail.TaxCodeRef),
    };
  });
  return {
    type,
    id,
    syncToken: required(type, json, 'SyncToken'),
    docNumber: str(json.DocNumber),
    txnDate: required(type, json, 'TxnDate'),
    customerId: ref(json.CustomerRef),
    currency,
    total: money(type, id, 'TotalAmt', json.TotalAmt, currency),
    balance: 'Balance' in json ? money(type, id, 'Balance', json.Balance, currency) : null,
    totalTax: money(type, id, 'TxnTaxDetail.TotalTax', obj(json.TxnTaxDetail).TotalTax, currency),
    privateNote: str(json.PrivateNote),
    stamp: findStamp(json.PrivateNote),
    voided: isVoided(json) ? 1 : 0,
    createdAt: utc(type, json, 'CreateTime'),
    lastUpdated: utc(type, json, 'LastUpdatedTime'),
    raw: JSON.stringify(json),
    lines,
  };
}

export interface PaymentLinkRow {
  lineNo: number;
  txnType: string;
  txnId: string;
  amount: number;
}

export interface PaymentRow {
  id: string;
  syncToken: string;
  txnDate: string;
  customerId: string | null;
  currency: string;
  total: number;
  unapplied: number;
  depositAccountId: string | null;
  paymentMethodId: string | null;
  privateNote: string | null;
  stamp: string | null;
  voided: number;
  lastUpdated: string;
  raw: string;
  links: PaymentLinkRow[];
}

export function projectPayment(json: Json, homeCurrency: string): PaymentRow {
  const id = required('Payment', json, 'Id');
  const currency = ref(json.CurrencyRef) ?? homeCurrency;
  const links: PaymentLinkRow[] = [];
  (Array.isArray(json.Line) ? (json.Line as unknown[]) : []).forEach((value, index) => {
    const line = obj(value);
    const amount = money('Payment', id, `Line[${index}].Amount`, line.Amount, currency);
    for (const linked of Array.isArray(line.LinkedTxn) ? (line.LinkedTxn as unknown[]) : []) {
      const txn = obj(linked);
      const txnId = str(txn.TxnId);
      const txnType = str(txn.TxnType);
      if (txnId && txnType) links.push({ lineNo: index + 1, txnType, txnId, amount });
    }
  });
  return {
    id,
    syncToken: required('Payment', json, 'SyncToken'),
    txnDate: required('Payment', json, 'TxnDate'),
    customerId: ref(json.CustomerRef),
    currency,
    total: money('Payment', id, 'TotalAmt', json.TotalAmt, currency),
    unapplied: money('Payment', id, 'UnappliedAmt', json.UnappliedAmt, currency),
    depositAccountId: ref(json.DepositToAccountRef),
    paymentMethodId: ref(json.PaymentMethodRef),
    privateNote: str(json.PrivateNote),
    stamp: findStamp(json.PrivateNote),
    voided: isVoided(json) ? 1 : 0,
    lastUpdated: utc('Payment', json, 'LastUpdatedTime'),
    raw: JSON.stringify(json),
    links,
  };
}

export interface ListRow {
  entity: ListEntity;
  id: string;
  syncToken: string;
  name: string;
  active: number;
  subtype: string | null;
  lastUpdated: string;
  raw: string;
}

export function projectListEntity(entity: ListEntity, json: Json): ListRow {
  return {
    entity,
    id: required(entity, json, 'Id'),
    syncToken: str(json.SyncToken) ?? '0',
    name: required(entity, json, 'Name'),
    active: json.Active === false ? 0 : 1,
    subtype: str(json.AccountType) ?? str(json.Type) ?? null,
    lastUpdated: utc(entity, json, 'LastUpdatedTime'),
    raw: JSON.stringify(json),
  };
}

export interface CompanyRow {
  key: 'CompanyInfo' | 'Preferences';
  id: string;
  name: string | null;
  homeCurrency: string | null;
  country: string | null;
  lastUpdated: string;
  raw: string;
}

export function projectCompanyInfo(json: Json): CompanyRow {
  return {
    key: 'CompanyInfo',
    id: required('CompanyInfo', json, 'Id'),
    name: str(json.CompanyName),
    homeCurrency: null,
    country: str(json.Country),
    lastUpdated: utc('CompanyInfo', json, 'LastUpdatedTime'),
    raw: JSON.stringify(json),
  };
}

export function projectPreferences(json: Json): CompanyRow {
  return {
    key: 'Preferences',
    id: required('Preferences', json, 'Id'),
    name: null,
    homeCurrency: ref(obj(json.CurrencyPrefs).HomeCurrency),
    country: null,
    lastUpdated: utc('Preferences', json, 'LastUpdatedTime'),
    raw: JSON.stringify(json),
  };
}
