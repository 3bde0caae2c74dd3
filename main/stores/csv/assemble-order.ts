/**
 * Turns the rows of one order (one row per line item, order-level cells on the first row) into a
 * normalised store order, or into the list of everything wrong with them. Objects are built with
 * keys in the schema's order so that the same content always serialises — and hashes — the same.
 */
import { currencyExponent } from '../../orders/currencies';
import { laterInstant, parseInstant } from '../../orders/instant';
import { MoneyError, parseDecimal } from '../../orders/money';
import type { Address, FinancialStatus, OrderLine, OrderSource, StoreOrder, TaxLine, Transaction } from '../../orders/store-order';
import type { Column, ResolvedHeader } from './header';

export interface RowProblem {
  row: number;
  column: string;
  reason: string;
}

export interface Assembled {
  order: StoreOrder | undefined;
  problems: RowProblem[];
}

const STATUSES: ReadonlySet<string> = new Set(['pending', 'authorized', 'paid', 'partially_paid', 'partially_refunded', 'refunded', 'voided']);
const DECIMAL_SYNTAX = /^[+-]?\d+(?:\.\d+)?$/;
const WHOLE = /^\d+$/;

class Cells {
  readonly problems: RowProblem[] = [];
  constructor(private readonly currency: string | undefined) {}

  text(row: readonly string[], column: Column): string | null {
    if (column.index < 0) return null;
    const value = row[column.index];
    if (value === undefined) return null;
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }

  problem(row: number, column: Column | string, reason: string): void {
    this.problems.push({ row, column: typeof column === 'string' ? column : column.name, reason });
  }

  /** An amount in the order's currency; with an unknown currency only the syntax is checked. */
  amount(row: readonly string[], rowNo: number, column: Column, required: boolean): number | null {
    const value = this.text(row, column);
    if (value === null) {
      if (required) this.problem(rowNo, column, `${column.name} is empty; an amount is required`);
      return null;
    }
    if (this.currency === undefined) {
      if (!DECIMAL_SYNTAX.test(value)) this.problem(rowNo, column, `${JSON.stringify(value)} is not a decimal amount`);
      return 0;
    }
    try {
      return parseDecimal(value, this.currency);
    } catch (error) {
      if (error instanceof MoneyError) {
        this.problem(rowNo, column, error.message);
        return 0;
      }
      throw error;
    }
  }

  instant(row: readonly string[], rowNo: number, column: Column, required: boolean): string | null {
    const value = this.text(row, column);
    if (value === null) {
      if (required) this.problem(rowNo, column, `${column.name} is empty; a date and time is required`);
      return null;
    }
    try {
      return parseInstant(value);
    } catch (error) {
      this.problem(rowNo, column, error instanceof Error ? error.message : String(error));
      return null;
    }
  }

  flag(row: readonly string[], rowNo: number, column: Column): boolean {
    const value = this.text(row, column);
    if (value === null) return false;
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === 'yes' || lower === '1') return true;
    if (lower === 'false' || lower === 'no' || lower === '0') return false;
    this.problem(rowNo, column, `${JSON.stringify(value)} is not true/false or yes/no`);
    return false;
  }

  address(row: readonly string[], columns: ResolvedHeader['billing']): Address | null {
    const zip = this.text(row, columns.zip);
    const address: Address = {
      name: this.text(row, columns.name),
      company: this.text(row, columns.company),
      // Older exports fill "Street" (address1 + address2 joined) instead of "Address1".
      address1: this.text(row, columns.address1) ?? this.text(row, columns.street),
      address2: this.text(row, columns.address2),
      city: this.text(row, columns.city),
      province: this.text(row, columns.province),
      // Shopify writes zips as '75008 so spreadsheets keep the leading zero.
      zip: zip !== null && zip.startsWith("'") ? zip.slice(1) || null : zip,
      country: this.text(row, columns.country),
      phone: this.text(row, columns.phone),
    };
    for (const key in address) if (address[key as keyof Address] !== null) return address;
    return null;
  }
}

function financialStatus(cells: Cells, row: readonly string[], rowNo: number, h: ResolvedHeader, total: number, refunded: number, paidAt: string | null): FinancialStatus {
  const value = cells.text(row, h.order.financialStatus);
  if (value === null) {
    // No status in the file: infer the plainest one the amounts support.
    if (refunded > 0) return refunded >= total ? 'refunded' : 'partially_refunded';
    return paidAt !== null ? 'paid' : 'pending';
  }
  const status = value.toLowerCase().replace(/[\s-]+/g, '_');
  if (STATUSES.has(status)) return status as FinancialStatus;
  // Shopify's "expired": an authorization lapsed uncaptured; for the books it is the same as voided.
  if (status === 'expired') return 'voided';
  cells.problem(rowNo, h.order.financialStatus, `${JSON.stringify(value)} is not a financial status (${[...STATUSES].join(', ')})`);
  return 'pending';
}

export function assembleOrder(h: ResolvedHeader, source: OrderSource, key: string, rows: readonly (readonly string[])[], rowNumbers: readonly number[]): Assembled {
  const first = rows[0]!;
  const firstNo = rowNumbers[0]!;
  const o = h.order;
  const currencyText = new Cells(undefined).text(first, o.currency);
  const currency = currencyText === null ? undefined : currencyText.toUpperCase();
  const known = currency !== undefined && currencyExponent(currency) !== undefined;
  const cells = new Cells(known ? currency : undefined);
  if (currency === undefined) {
    cells.problem(firstNo, o.currency, `${o.currency.name} is empty on the first row of order ${key}; an order's first row carries its order-level columns`);
  } else if (!known) {
    cells.problem(firstNo, o.currency, `unknown currency ${JSON.stringify(currencyText)} (not an ISO 4217 code)`);
  }

  const createdAt = cells.instant(first, firstNo, o.createdAt, true);
  const total = cells.amount(first, firstNo, o.total, true) ?? 0;
  const paidAt = cells.instant(first, firstNo, o.paidAt, false);
  const fulfilledAt = cells.instant(first, firstNo, o.fulfilledAt, false);
  const cancelledAt = cells.instant(first, firstNo, o.cancelledAt, false);
  const updatedAtText = cells.instant(first, firstNo, o.updatedAt, false);
  const processedAt = cells.instant(first, firstNo, o.processedAt, false);
  const refundedAmount = cells.amount(first, firstNo, o.refundedAmount, false) ?? 0;
  const refundedAt = cells.instant(first, firstNo, o.refundedAt, false);
  const status = financialStatus(cells, first, firstNo, h, total, refundedAmount, paidAt);

  let presentmentCurrency = currency ?? 'XXX';
  const presentmentText = cells.text(first, o.presentmentCurrency);
  let presentmentTotal: number | null = null;
  if (presentmentText !== null && presentmentText.toUpperCase() !== currency) {
    presentmentCurrency = presentmentText.toUpperCase();
    if (currencyExponent(presentmentCurrency) === undefined) {
      cells.problem(firstNo, o.presentmentCurrency, `unknown currency ${JSON.stringify(presentmentText)} (not an ISO 4217 code)`);
    } else {
      const presentmentCells = new Cells(presentmentCurrency);
      presentmentTotal = presentmentCells.amount(first, firstNo, o.presentmentTotal, true);
      cells.problems.push(...presentmentCells.problems);
    }
  }

  const lines: OrderLine[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const rowNo = rowNumbers[i]!;
    if (row.length !== h.width) {
      cells.problem(rowNo, '', `the row has ${row.length} field${row.length === 1 ? '' : 's'} but the header has ${h.width}: it is malformed or cut short`);
      continue;
    }
    const title = cells.text(row, h.line.title);
    if (title === null) cells.problem(rowNo, h.line.title, `${h.line.title.name} is empty; every row is one line item`);
    const quantityText = cells.text(row, h.line.quantity);
    let quantity = 0;
    if (quantityText === null || !WHOLE.test(quantityText)) {
      cells.problem(rowNo, h.line.quantity, quantityText === null ? `${h.line.quantity.name} is empty` : `${JSON.stringify(quantityText)} is not a whole quantity`);
    } else {
      quantity = Number(quantityText);
    }
    const unitPrice = cells.amount(row, rowNo, h.line.unitPrice, true) ?? 0;
    const discount = cells.amount(row, rowNo, h.line.discount, false) ?? 0;
    const tax = cells.amount(row, rowNo, h.line.tax, false);
    const given = cells.amount(row, rowNo, h.line.total, false);
    const computed = unitPrice * quantity - discount;
    if (given === null && !Number.isSafeInteger(computed)) cells.problem(rowNo, h.line.unitPrice, 'price × quantity is too large to keep exactly');
    lines.push({ sku: cells.text(row, h.line.sku), title: title ?? '', quantity, unitPrice, discount, tax, total: given ?? computed });
  }

  const shippingAmount = cells.amount(first, firstNo, o.shipping, false);
  const shippingMethod = cells.text(first, o.shippingMethod);
  const discountCode = cells.text(first, o.discountCode);
  const discountAmount = cells.amount(first, firstNo, o.discountAmount, false);
  const taxLines: TaxLine[] = [];
  for (const slot of h.taxes) {
    const title = cells.text(first, slot.name);
    const amount = cells.amount(first, firstNo, slot.amount, false);
    if (title !== null || (amount !== null && amount !== 0)) taxLines.push({ title: title ?? '', amount: amount ?? 0 });
  }
  const totalTaxGiven = cells.amount(first, firstNo, o.totalTax, false);
  const totalTax = totalTaxGiven ?? taxLines.reduce((sum, t) => sum + t.amount, 0);
  const test = cells.flag(first, firstNo, o.test);

  const transactions: Transaction[] = [];
  if (paidAt !== null && (status === 'paid' || status === 'partially_refunded' || status === 'refunded')) {
    transactions.push({
      kind: 'sale',
      gateway: cells.text(first, o.paymentGateway),
      amount: total,
      createdAt: paidAt,
      reference: cells.text(first, o.paymentReference) ?? cells.text(first, o.paymentId),
    });
  }

  if (cells.problems.length > 0 || createdAt === null || currency === undefined) return { order: undefined, problems: cells.problems };

  let updatedAt = updatedAtText ?? createdAt;
  if (updatedAtText === null) {
    // The export has no "updated at": the latest instant it does show stands in for it.
    updatedAt = laterInstant(laterInstant(laterInstant(laterInstant(createdAt, paidAt), fulfilledAt), cancelledAt), refundedAt);
  }
  const order: StoreOrder = {
    source,
    sourceId: key,
    number: cells.text(first, o.number) ?? key,
    createdAt,
    updatedAt,
    processedAt,
    currency,
    presentmentCurrency,
    presentmentAmounts: presentmentTotal === null ? null : { total: presentmentTotal, totalTax: null, shipping: null, discounts: null },
    customer: {
      email: cells.text(first, o.email),
      name: cells.text(first, o.customerName) ?? cells.text(first, h.billing.name) ?? cells.text(first, h.shippingAddress.name),
      phone: cells.text(first, o.phone) ?? cells.text(first, h.billing.phone),
      billingAddress: cells.address(first, h.billing),
      shippingAddress: cells.address(first, h.shippingAddress),
    },
    lines,
    shippingLines: shippingAmount !== null && (shippingAmount !== 0 || shippingMethod !== null) ? [{ title: shippingMethod, amount: shippingAmount, tax: null }] : [],
    discounts: discountCode !== null || (discountAmount !== null && discountAmount !== 0) ? [{ code: discountCode, amount: discountAmount ?? 0 }] : [],
    taxLines,
    totalTax,
    total,
    financialStatus: status,
    cancelledAt,
    refunds: refundedAmount !== 0 ? [{ id: null, createdAt: refundedAt, amount: refundedAmount, tax: null, shipping: null, lines: [] }] : [],
    transactions,
    test,
  };
  return { order, problems: [] };
}
