/** Recognises which order CSV a header row belongs to and where each needed column is. */
import { TAX_SLOTS, genericCsv, shopifyExport, type AddressField, type CsvFormat, type LineField, type OrderField } from './formats';
import { FileRefusal } from './problems';

/** A column the importer reads: its index in the row (-1 when the file lacks it) and its header text. */
export interface Column {
  index: number;
  name: string;
}

export interface ResolvedHeader {
  format: CsvFormat;
  width: number;
  order: Record<OrderField, Column>;
  billing: Record<AddressField, Column>;
  shippingAddress: Record<AddressField, Column>;
  line: Record<LineField, Column>;
  taxes: Array<{ name: Column; amount: Column }>;
}

const normal = (name: string) => name.trim().toLowerCase();

function detect(names: Set<string>): CsvFormat | undefined {
  if (names.has('name') && (names.has('lineitem name') || names.has('lineitem quantity'))) return shopifyExport;
  if (names.has(normal(genericCsv.order.key!))) return genericCsv;
  return undefined;
}

export function resolveHeader(header: readonly string[]): ResolvedHeader {
  const positions = new Map<string, number>();
  header.forEach((name, index) => {
    const key = normal(name);
    if (!positions.has(key)) positions.set(key, index);
  });
  const format = detect(new Set(positions.keys()));
  if (!format) {
    const shown = header.slice(0, 6).map((h) => JSON.stringify(h)).join(', ') + (header.length > 6 ? ', …' : '');
    throw new FileRefusal(
      1,
      '',
      `row 1 is not the header of an order export: expected Shopify's "Export orders" columns (Name, Lineitem name, Lineitem quantity, …) ` +
        `or Ledgerbridge's generic order CSV (order_id, created_at, currency, total, line_title, …); found ${shown || 'an empty row'}`,
    );
  }
  const column = (name: string | undefined): Column => ({ index: name === undefined ? -1 : (positions.get(normal(name)) ?? -1), name: name ?? '' });
  const pick = <K extends string>(map: Partial<Record<K, string>>, keys: readonly K[]): Record<K, Column> =>
    Object.fromEntries(keys.map((k) => [k, column(map[k])])) as Record<K, Column>;
  const orderKeys: OrderField[] = [
    'key', 'number', 'email', 'customerName', 'phone', 'financialStatus', 'paidAt', 'fulfilledAt', 'currency', 'presentmentCurrency',
    'presentmentTotal', 'shipping', 'shippingMethod', 'totalTax', 'total', 'discountCode', 'discountAmount', 'createdAt', 'updatedAt',
    'processedAt', 'cancelledAt', 'paymentGateway', 'paymentReference', 'paymentId', 'refundedAmount', 'refundedAt', 'test',
  ];
  const addressKeys: AddressField[] = ['name', 'company', 'street', 'address1', 'address2', 'city', 'zip', 'province', 'country', 'phone'];
  const lineKeys: LineField[] = ['quantity', 'title', 'unitPrice', 'sku', 'discount', 'tax', 'total'];
  const resolved: ResolvedHeader = {
    format,
    width: header.length,
    order: pick(format.order, orderKeys),
    billing: pick(format.billing, addressKeys),
    shippingAddress: pick(format.shippingAddress, addressKeys),
    line: pick(format.line, lineKeys),
    taxes: [],
  };
  for (let slot = 1; slot <= TAX_SLOTS; slot++) {
    const name = column(format.taxName(slot));
    const amount = column(format.taxAmount(slot));
    if (name.index >= 0 || amount.index >= 0) resolved.taxes.push({ name, amount });
  }
  const missing = format.requiredColumns
    .map((field) => (field.startsWith('line.') ? resolved.line[field.slice(5) as LineField] : resolved.order[field as OrderField]))
    .filter((c) => c.index < 0)
    .map((c) => c.name);
  if (missing.length > 0) {
    throw new FileRefusal(1, missing[0]!, `the header looks like a ${format.label} but lacks the required column${missing.length > 1 ? 's' : ''} ${missing.map((m) => JSON.stringify(m)).join(', ')}`);
  }
  return resolved;
}

