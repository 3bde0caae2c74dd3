/**
 * The entities this stand-in serves: how each is named in URLs and JSON, which Id sequence it
 * draws from, what may be written, and which properties QBO lets a query filter or sort on.
 */

export const ENTITY_NAMES = [
  'Customer',
  'Item',
  'Invoice',
  'SalesReceipt',
  'Payment',
  'CreditMemo',
  'RefundReceipt',
  'TaxCode',
  'TaxRate',
  'Account',
  'PaymentMethod',
  'CompanyInfo',
  'Preferences',
] as const;

export type EntityName = (typeof ENTITY_NAMES)[number];

export type SalesTxnName = 'Invoice' | 'SalesReceipt' | 'CreditMemo' | 'RefundReceipt';
export type WritableName = 'Customer' | 'Item' | SalesTxnName | 'Payment';

/** How a query compares a property (and where its value lives). */
export type FieldType = 'id' | 'time' | 'date' | 'string' | 'number' | 'bool' | 'ref' | 'email';

export interface FieldSpec {
  /** Canonical spelling, e.g. `MetaData.LastUpdatedTime`. */
  path: string;
  type: FieldType;
}

export interface EntityMeta {
  name: EntityName;
  /** Transactions share one Id sequence (LinkedTxn ids are unique across types); lists have their own. */
  idSpace: string;
  writable: boolean;
  transaction: boolean;
  voidable: boolean;
  /** Name lists are never deleted, only made inactive; queries hide inactive rows unless asked. */
  nameList: boolean;
  /** Lower-cased property path → spec. */
  fields: Map<string, FieldSpec>;
}

function fields(spec: Record<string, FieldType>): Map<string, FieldSpec> {
  const all: Record<string, FieldType> = {
    Id: 'id',
    'MetaData.CreateTime': 'time',
    'MetaData.LastUpdatedTime': 'time',
    ...spec,
  };
  return new Map(Object.entries(all).map(([path, type]) => [path.toLowerCase(), { path, type }]));
}

const TXN_FIELDS: Record<string, FieldType> = {
  DocNumber: 'string',
  TxnDate: 'date',
  CustomerRef: 'ref',
  TotalAmt: 'number',
  PrivateNote: 'string',
};

const NAME_LIST_FIELDS: Record<string, FieldType> = { Name: 'string', Active: 'bool' };

function meta(name: EntityName, kind: 'list' | 'txn' | 'readonly', extra: Record<string, FieldType>, voidable = false): EntityMeta {
  const transaction = kind === 'txn';
  const nameList = 'Active' in extra;
  return {
    name,
    idSpace: transaction ? 'txn' : name,
    writable: kind !== 'readonly',
    transaction,
    voidable,
    nameList,
    fields: fields(transaction ? { ...TXN_FIELDS, ...extra } : extra),
  };
}

export const ENTITIES: Record<EntityName, EntityMeta> = {
  Customer: meta('Customer', 'list', {
    DisplayName: 'string',
    GivenName: 'string',
    MiddleName: 'string',
    FamilyName: 'string',
    CompanyName: 'string',
    FullyQualifiedName: 'string',
    PrintOnCheckName: 'string',
    PrimaryEmailAddr: 'email',
    Active: 'bool',
    Balance: 'number',
    Job: 'bool',
    ParentRef: 'ref',
  }),
  Item: meta('Item', 'list', {
    Name: 'string',
    Sku: 'string',
    FullyQualifiedName: 'string',
    Type: 'string',
    Active: 'bool',
    Taxable: 'bool',
    UnitPrice: 'number',
    QtyOnHand: 'number',
  }),
  Invoice: meta('Invoice', 'txn', { Balance: 'number', DueDate: 'date' }, true),
  SalesReceipt: meta('SalesReceipt', 'txn', {}, true),
  Payment: meta('Payment', 'txn', { UnappliedAmt: 'number', PaymentRefNum: 'string' }, true),
  CreditMemo: meta('CreditMemo', 'txn', { Balance: 'number', RemainingCredit: 'number' }),
  RefundReceipt: meta('RefundReceipt', 'txn', {}),
  TaxCode: meta('TaxCode', 'readonly', { ...NAME_LIST_FIELDS, Taxable: 'bool' }),
  TaxRate: meta('TaxRate', 'readonly', { ...NAME_LIST_FIELDS }),
  Account: meta('Account', 'readonly', {
    ...NAME_LIST_FIELDS,
    FullyQualifiedName: 'string',
    AccountType: 'string',
    AccountSubType: 'string',
    Classification: 'string',
    CurrentBalance: 'number',
  }),
  PaymentMethod: meta('PaymentMethod', 'readonly', { ...NAME_LIST_FIELDS, Type: 'string' }),
  CompanyInfo: meta('CompanyInfo', 'readonly', { CompanyName: 'string' }),
  Preferences: meta('Preferences', 'readonly', {}),
};

const BY_LOWER = new Map<string, EntityName>(ENTITY_NAMES.map((n) => [n.toLowerCase(), n]));

/** URL segments are the lower-cased name; queries in the wild use any casing (node-quickbooks: `from invoice`). */
export function entityByName(name: string): EntityName | undefined {
  return BY_LOWER.get(name.toLowerCase());
}

export const SALES_TXNS: readonly SalesTxnName[] = ['Invoice', 'SalesReceipt', 'CreditMemo', 'RefundReceipt'];

export function isSalesTxn(name: EntityName): name is SalesTxnName {
  return (SALES_TXNS as readonly string[]).includes(name);
}

/** TxnType spelling used in LinkedTxn and the 6140 message. */
export const TXN_TYPE_LABEL: Partial<Record<EntityName, string>> = {
  Invoice: 'Invoice',
  SalesReceipt: 'Sales Receipt',
  CreditMemo: 'Credit Memo',
  RefundReceipt: 'Refund',
  Payment: 'Payment',
};
