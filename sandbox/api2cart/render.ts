/**
 * A seeded order as API2Cart's `order.list` / `order.info` print it for one platform flavour
 * (api2cart.md §4). Money goes out as JSON numbers in major units — the wire format the client
 * has to read exactly — and dates as `{value, format}` objects in the platform's own offset.
 */
import type { SeedAddress, SeedLine, SeedOrder } from '../seed/types';
import type { FlavourProfile } from './flavours';

export const DATE_FORMAT = 'Y-m-d\\TH:i:sO';

export type Api2CartOrder = Record<string, unknown>;

const EXPONENT_OVERRIDES: Record<string, number> = { JPY: 0, KRW: 0, ISK: 0, CLP: 0, VND: 0, BHD: 3, KWD: 3, JOD: 3, OMR: 3, TND: 3 };

/** Minor units → a JSON number in major units; the digits printed are exactly the decimal value. */
export function majorNumber(minor: number, currency: string): number {
  const exponent = EXPONENT_OVERRIDES[currency] ?? 2;
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const text = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return Number(minor < 0 ? `-${text}` : text);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-05-12T12:17:12+0000` in the given offset (minutes east of UTC). */
export function formatA2cDate(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

export function a2cDate(iso: string, profile: FlavourProfile): { value: string; format: string } {
  return { value: formatA2cDate(Date.parse(iso), profile.offsetMinutes), format: DATE_FORMAT };
}

function address(a: SeedAddress | null, type: 'billing' | 'shipping', profile: FlavourProfile): Record<string, unknown> | null {
  if (!a) return null;
  return {
    // eBay prints address ids as strings, Etsy as numbers (api2cart.md §7).
    id: profile.flavour === 'ebay' ? '1' : 1,
    type,
    first_name: a.firstName,
    last_name: a.lastName,
    postcode: a.zip,
    address1: a.address1,
    address2: a.address2 ?? '',
    phone: a.phone ?? '',
    city: a.city,
    country: { code2: a.countryCode, code3: null, name: a.country },
    state: { code: a.provinceCode ?? '', name: a.province ?? '' },
    company: a.company ?? '',
    tax_id: null,
  };
}

function taxPercent(line: SeedLine): number {
  const sumPpm = line.taxLines.reduce((s, t) => s + Math.round(Number(t.rate) * 1_000_000), 0);
  return sumPpm / 10_000;
}

function orderProduct(line: SeedLine, currency: string): Record<string, unknown> {
  const tax = line.taxLines.reduce((s, t) => s + t.amountMinor, 0);
  const m = (minor: number) => majorNumber(minor, currency);
  return {
    product_id: line.productId,
    order_product_id: line.id,
    model: line.sku ?? '',
    name: line.title,
    price: m(line.unitPriceMinor),
    price_inc_tax: m(line.unitPriceMinor + Math.round(tax / Math.max(1, line.quantity))),
    quantity: line.quantity,
    discount_amount: m(line.discountMinor),
    total_price: m(line.unitPriceMinor * line.quantity),
    tax_percent: taxPercent(line),
    tax_value: m(tax),
    tax_value_after_discount: m(tax),
    options: line.variantTitle ? [{ option_id: '1', name: 'Variant', value: line.variantTitle }] : [],
    variant_id: line.variantId,
    weight: 0,
    barcode: null,
    parent_order_product_id: null,
  };
}

function statusHistory(order: SeedOrder, profile: FlavourProfile, current: { id: string; name: string }): unknown[] {
  if (!profile.keepsHistory) return [];
  const entry = (id: string, name: string, iso: string) => ({ id, name, modified_time: a2cDate(iso, profile), notify: false, comment: '' });
  const start = profile.status({ ...order, financialStatus: 'pending', cancelledAt: null, refunds: [], fulfillmentStatus: null });
  const history = [entry(start.id, start.name, order.createdAt)];
  if (order.cancelledAt !== null) {
    const cancelled = profile.status({ ...order, financialStatus: 'voided', refunds: [] });
    history.push(entry(cancelled.id, cancelled.name, order.cancelledAt));
  }
  const last = history[history.length - 1]!;
  if (last.id !== current.id) history.push(entry(current.id, current.name, order.updatedAt));
  return history;
}

/** The full order object; `fields.ts` cuts it down to what the request asked for. */
export function renderOrder(order: SeedOrder, profile: FlavourProfile): Api2CartOrder {
  const c = order.currency;
  const m = (minor: number) => majorNumber(minor, c);
  const grossLines = order.lines.reduce((s, l) => s + l.unitPriceMinor * l.quantity, 0);
  const shippingDiscount = order.shippingLines.reduce((s, l) => s + l.discountMinor, 0);
  const subtotal = profile.subtotalNetOfDiscount ? order.subtotalMinor : grossLines;
  const shipping = profile.subtotalNetOfDiscount ? order.totalShippingMinor - shippingDiscount : order.totalShippingMinor;
  const paid = order.transactions
    .filter((t) => (t.kind === 'sale' || t.kind === 'capture') && t.status === 'success')
    .reduce((s, t) => s + t.amountMinor, 0);
  const status = profile.status(order);
  const customer = order.customer;
  const email = profile.hidesEmail ? '' : (customer?.email ?? order.email ?? '');
  return {
    id: profile.internalId(order),
    order_id: profile.orderId(order),
    basket_id: null,
    channel_id: null,
    customer: {
      id: customer?.id ?? '',
      email,
      first_name: customer?.firstName ?? order.billingAddress?.firstName ?? '',
      last_name: customer?.lastName ?? order.billingAddress?.lastName ?? '',
      phone: customer?.phone ?? null,
    },
    create_at: a2cDate(order.createdAt, profile),
    modified_at: a2cDate(order.updatedAt, profile),
    finished_time: null,
    currency: { id: c, name: c === 'USD' ? 'US Dollar' : c, iso3: c, symbol_left: c === 'USD' ? '$' : '', symbol_right: '', rate: 1, avail: true, default: true },
    shipping_address: address(order.shippingAddress, 'shipping', profile),
    billing_address: address(order.billingAddress, 'billing', profile),
    payment_method: { name: order.gateway },
    shipping_method: order.shippingLines[0] ? { name: order.shippingLines[0].title } : null,
    shipping_methods: order.shippingLines.map((l) => ({ name: l.title })),
    status: { id: status.id, name: status.name, history: statusHistory(order, profile, status), refund_info: null },
    totals: { total: m(order.totalMinor), subtotal: m(subtotal), shipping: m(shipping), tax: m(order.totalTaxMinor), discount: m(order.totalDiscountsMinor) },
    total: {
      subtotal_ex_tax: m(subtotal),
      wrapping_ex_tax: 0,
      shipping_ex_tax: m(shipping),
      total_discount: m(order.totalDiscountsMinor),
      total_tax: m(order.totalTaxMinor),
      total: m(order.totalMinor),
      total_paid: m(paid),
    },
    discounts: order.discounts.map((d) => ({ code: d.code, value: m(d.amountMinor), type: d.type })),
    order_products: order.lines.map((l) => orderProduct(l, c)),
    bundles: [],
    comment: order.note ?? '',
    store_id: profile.storeId,
    warehouses_ids: [],
    refunds: order.refunds.map((r) => ({
      id: r.id,
      shipping: m(r.shippingMinor),
      fee: 0,
      tax: m(r.lines.reduce((s, l) => s + l.taxMinor, 0) + r.shippingTaxMinor),
      total: m(r.totalMinor),
      modified_time: a2cDate(r.createdAt, profile),
      comment: r.note ?? '',
      items: r.lines.map((l) => {
        const line = order.lines.find((x) => x.id === l.lineId);
        return { product_id: line?.productId ?? '', variant_id: line?.variantId ?? '', order_product_id: l.lineId, qty: l.quantity, refund: m(l.subtotalMinor) };
      }),
    })),
    gift_message: null,
    order_details_url: null,
    additional_fields: null,
    custom_fields: null,
  };
}
