/**
 * An API2Cart order (parsed with exact numbers) → the normalised store order. Keyed on `order_id`
 * (`id` can be empty). Platform conventions are applied from the platform's rules, never inferred
 * from the numbers; what API2Cart does not carry stays null/empty rather than invented: no
 * processed-at, no per-rate tax lines, no payment transactions, no test flag, no presentment
 * amounts. An order that cannot be read faithfully (unknown status, a date without an offset, an
 * amount with more decimals than its currency) is returned as a problem, not as a guess.
 */
import { InstantError, parseInstant } from '../../orders/instant';
import { MoneyError, multiplyMinor, sumMinor } from '../../orders/money';
import { refundedTotal } from '../../orders/net-total';
import { isCurrencyCode } from '../../orders/currencies';
import type { Address, FinancialStatus, OrderDiscount, OrderLine, Refund, ShippingLine, StoreOrder } from '../../orders/store-order';
import { minorFromLiteral } from './decimal';
import type { ExactJson } from './exact-json';
import type { PlatformRules, StatusMeaning } from './platforms';

export type Normalised =
  | { ok: true; order: StoreOrder; warnings: string[] }
  | { ok: false; orderId: string; problem: string };

type Obj = { [key: string]: ExactJson };

class OrderProblem extends Error {}

const isObj = (v: ExactJson | undefined): v is Obj => v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
const obj = (v: ExactJson | undefined): Obj | null => (isObj(v) ? v : null);
const arr = (v: ExactJson | undefined): ExactJson[] => (Array.isArray(v) ? v : []);

/** Text or null; empty strings are "not given" (eBay sends `email: ""`). */
function str(v: ExactJson | undefined): string | null {
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t === '' ? null : t;
}

function joinName(first: ExactJson | undefined, last: ExactJson | undefined): string | null {
  const name = [str(first), str(last)].filter((s) => s !== null).join(' ');
  return name === '' ? null : name;
}

/** `{value, format}` or (in some fixtures) a bare string → UTC instant; null when absent. */
export function a2cInstant(v: ExactJson | undefined, field: string): string | null {
  const text = isObj(v) ? str(v.value) : str(v);
  if (text === null) return null;
  try {
    return parseInstant(text);
  } catch (error) {
    if (error instanceof InstantError) throw new OrderProblem(`${field}: ${error.message}`);
    throw error;
  }
}

/** Money arithmetic whose failure (a malformed or too large amount) is this order's problem, not the page's. */
function exact<T>(field: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof MoneyError) throw new OrderProblem(`${field}: ${error.message}`);
    throw error;
  }
}

function money(v: ExactJson | undefined, currency: string, field: string): number | null {
  if (typeof v !== 'string' || v.trim() === '') return null;
  return exact(field, () => minorFromLiteral(v, currency));
}

const need = (value: number | null, field: string): number => {
  if (value === null) throw new OrderProblem(`${field} is missing`);
  return value;
};

function quantity(v: ExactJson | undefined, field: string): number {
  const text = typeof v === 'string' ? v.trim() : '';
  if (!/^\d+(\.0+)?$/.test(text)) throw new OrderProblem(`${field}: ${JSON.stringify(v ?? null)} is not a whole quantity`);
  return Number(text.split('.')[0]);
}

function address(v: ExactJson | undefined): Address | null {
  const a = obj(v);
  if (!a) return null;
  const country = obj(a.country);
  const state = obj(a.state);
  const out: Address = {
    name: joinName(a.first_name, a.last_name),
    company: str(a.company),
    address1: str(a.address1),
    address2: str(a.address2),
    city: str(a.city),
    // Codes, as the other sources give them (TX, US); the name only when there is no code.
    province: state ? str(state.code) ?? str(state.name) : null,
    zip: str(a.postcode),
    country: country ? str(country.code2) ?? str(country.code3) ?? str(country.name) : null,
    phone: str(a.phone),
  };
  return Object.values(out).some((x) => x !== null) ? out : null;
}

function meaningOf(statusId: string | null, rules: PlatformRules): StatusMeaning | undefined {
  return statusId === null ? undefined : rules.statuses[statusId.toLowerCase()];
}

/** The platform's status read through its table, with refunds and payments from the order's own amounts. */
function financialStatus(meaning: StatusMeaning, total: number, paid: number | null, refunded: number): FinancialStatus {
  const base = paid ?? total;
  const afterRefunds = (fallback: FinancialStatus): FinancialStatus =>
    refunded > 0 ? (refunded >= base ? 'refunded' : 'partially_refunded') : fallback;
  switch (meaning) {
    case 'cancelled':
      return afterRefunds('voided');
    case 'paid':
      return afterRefunds('paid');
    case 'pending':
    case 'authorized':
      // A deposit taken on an order the platform still calls unpaid.
      return paid !== null && paid > 0 && paid < total ? 'partially_paid' : meaning;
    default:
      return meaning;
  }
}

export interface NormaliseContext {
  rules: PlatformRules;
  /** The store's currency (cart.info), for orders that do not name theirs. */
  storeCurrency: string;
}

export function normaliseOrder(raw: ExactJson, ctx: NormaliseContext): Normalised {
  const o = obj(raw) ?? {};
  const orderId = str(o.order_id) ?? str(o.id) ?? '';
  try {
    if (orderId === '') throw new OrderProblem('the order has no order_id');
    return { ok: true, ...build(o, orderId, ctx) };
  } catch (error) {
    if (error instanceof OrderProblem) return { ok: false, orderId, problem: error.message };
    throw error;
  }
}

function build(o: Obj, orderId: string, { rules, storeCurrency }: NormaliseContext): { order: StoreOrder; warnings: string[] } {
  const warnings: string[] = [];
  const currencyObj = obj(o.currency);
  const currency = (currencyObj ? str(currencyObj.iso3) ?? str(currencyObj.id) : null)?.toUpperCase() ?? storeCurrency;
  if (!isCurrencyCode(currency)) throw new OrderProblem(`currency ${JSON.stringify(currency)} is not an ISO 4217 code`);
  const m = (v: ExactJson | undefined, field: string) => money(v, currency, field);

  const createdAt = a2cInstant(o.create_at, 'create_at');
  if (createdAt === null) throw new OrderProblem('create_at is missing (ask for it in response_fields)');
  const updatedAt = a2cInstant(o.modified_at, 'modified_at') ?? createdAt;

  const totals = obj(o.totals);
  const totalObj = obj(o.total);
  const total = need(m(totals?.total, 'totals.total') ?? m(totalObj?.total, 'total.total'), 'totals.total');
  const totalTax = m(totals?.tax, 'totals.tax') ?? m(totalObj?.total_tax, 'total.total_tax') ?? 0;
  const subtotal = m(totals?.subtotal, 'totals.subtotal') ?? m(totalObj?.subtotal_ex_tax, 'total.subtotal_ex_tax');
  const shipping = m(totals?.shipping, 'totals.shipping') ?? m(totalObj?.shipping_ex_tax, 'total.shipping_ex_tax') ?? 0;
  const discountTotal = m(totals?.discount, 'totals.discount') ?? m(totalObj?.total_discount, 'total.total_discount') ?? 0;
  const paid = m(totalObj?.total_paid, 'total.total_paid');

  const products = arr(o.order_products).map((p) => obj(p) ?? {});
  const lines: OrderLine[] = products.map((p, i) => {
    const field = `order_products[${i}]`;
    const qty = quantity(p.quantity, `${field}.quantity`);
    const unitPrice = need(m(p.price, `${field}.price`), `${field}.price`);
    const discount = m(p.discount_amount, `${field}.discount_amount`) ?? 0;
    const tax = m(p.tax_value, `${field}.tax_value`);
    const given = m(p.total_price, `${field}.total_price`);
    if (given !== null && rules.lineTotalIncludesTax && tax === null) throw new OrderProblem(`${field}.total_price includes tax on ${rules.label} but tax_value is missing`);
    // The platform's own line total when it gives one; price × quantity only when it does not.
    const lineTotal = given !== null
      ? exact(field, () => sumMinor([given, -discount, rules.lineTotalIncludesTax ? -(tax ?? 0) : 0]))
      : exact(field, () => sumMinor([multiplyMinor(unitPrice, qty), -discount]));
    return { sku: str(p.model), title: str(p.name) ?? '', quantity: qty, unitPrice, discount, tax, total: lineTotal };
  });

  if (subtotal !== null) {
    const expected = rules.subtotalNetOfDiscount ? subtotal + shipping + totalTax : subtotal - discountTotal + shipping + totalTax;
    if (expected !== total) {
      warnings.push(`order ${orderId}: totals do not add up under ${rules.label}'s rule (${rules.subtotalNetOfDiscount ? 'subtotal + shipping + tax' : 'subtotal − discount + shipping + tax'} = ${expected}, total = ${total} minor units)`);
    }
  }

  const rawDiscounts = arr(o.discounts).map((d) => obj(d) ?? {});
  const discounts: OrderDiscount[] = rawDiscounts.map((d, i) => ({ code: str(d.code), amount: m(d.value, `discounts[${i}].value`) ?? 0 }));
  if (discounts.length === 0 && discountTotal !== 0) discounts.push({ code: null, amount: discountTotal });

  // A shipping line is what the customer was charged for shipping, as the other sources give it.
  // Where totals.shipping is before discounts, a shipping-type discount comes off it (it stays
  // listed among the discounts too); Etsy-style platforms already send it net.
  const shippingDiscount = rules.subtotalNetOfDiscount
    ? 0
    : rawDiscounts.reduce((t, d, i) => (/shipping/i.test(str(d.type) ?? '') ? t + (discounts[i]?.amount ?? 0) : t), 0);
  const shippingTitle = str(obj(o.shipping_method)?.name);
  const shippingLines: ShippingLine[] = shipping !== 0 || shippingTitle !== null ? [{ title: shippingTitle, amount: shipping - shippingDiscount, tax: null }] : [];

  const refunds: Refund[] = arr(o.refunds).map((r, i) => {
    const rr = obj(r) ?? {};
    const field = `refunds[${i}]`;
    return {
      id: str(rr.id),
      createdAt: a2cInstant(rr.modified_time, `${field}.modified_time`),
      amount: need(m(rr.total, `${field}.total`), `${field}.total`),
      tax: m(rr.tax, `${field}.tax`),
      shipping: m(rr.shipping, `${field}.shipping`),
      lines: arr(rr.items).map((it, j) => {
        const item = obj(it) ?? {};
        const product = products.find((p) => str(p.order_product_id) !== null && str(p.order_product_id) === str(item.order_product_id));
        return {
          sku: product ? str(product.model) : null,
          title: product ? str(product.name) : null,
          quantity: quantity(item.qty ?? item.quantity, `${field}.items[${j}].qty`),
          amount: m(item.refund, `${field}.items[${j}].refund`) ?? 0,
        };
      }),
    };
  });
  const refunded = exact('refunds', () => refundedTotal({ refunds }));

  const status = obj(o.status);
  const statusId = status ? str(status.id) ?? str(status.name) : null;
  const meaning = meaningOf(statusId, rules);
  if (meaning === undefined) {
    throw new OrderProblem(
      statusId === null
        ? 'the order has no status'
        : `status ${JSON.stringify(statusId)} is not in Ledgerbridge's ${rules.label} status table, so its payment state is unknown`,
    );
  }
  let cancelledAt: string | null = null;
  for (const entry of arr(status?.history)) {
    const e = obj(entry);
    if (e && meaningOf(str(e.id) ?? str(e.name), rules) === 'cancelled') {
      cancelledAt = a2cInstant(e.modified_time, 'status.history.modified_time');
      break;
    }
  }
  if (meaning === 'cancelled' && cancelledAt === null) warnings.push(`order ${orderId}: ${rules.label} does not say when it was cancelled (no status history)`);

  const customer = obj(o.customer);
  const billing = address(o.billing_address);
  const shippingAddress = address(o.shipping_address);
  const order: StoreOrder = {
    source: 'api2cart',
    sourceId: orderId,
    number: orderId,
    createdAt,
    updatedAt,
    processedAt: null,
    currency,
    presentmentCurrency: currency,
    presentmentAmounts: null,
    customer: {
      email: customer ? str(customer.email) : null,
      name: (customer ? joinName(customer.first_name, customer.last_name) : null) ?? billing?.name ?? null,
      phone: (customer ? str(customer.phone) : null) ?? billing?.phone ?? null,
      billingAddress: billing,
      shippingAddress,
    },
    lines,
    shippingLines,
    discounts,
    taxLines: [],
    totalTax,
    total,
    financialStatus: financialStatus(meaning, total, paid, refunded),
    cancelledAt,
    refunds,
    transactions: [],
    test: false,
  };
  return { order, warnings };
}
