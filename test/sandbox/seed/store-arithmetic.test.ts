import { describe, expect, it } from 'vitest';
import { demoBusiness, generateBusiness, type SeedBusiness, type SeedOrder } from '../../../sandbox/seed';
import { received, refunded, sum } from './helpers';

const rate = (r: string): number => Math.round(Number(r) * 1_000_000);
const roundTax = (amount: number, r: string): number => Math.floor((amount * rate(r) + 500_000) / 1_000_000);

function checkOrder(o: SeedOrder): void {
  const ctx = `${o.name} (${o.id})`;
  const lineNet = o.lines.map((l) => l.unitPriceMinor * l.quantity - l.discountMinor);
  expect(o.subtotalMinor, ctx).toBe(sum(lineNet));
  const shipDiscount = sum(o.shippingLines.map((s) => s.discountMinor));
  expect(o.totalDiscountsMinor, ctx).toBe(sum(o.lines.map((l) => l.discountMinor)) + shipDiscount);
  expect(o.totalShippingMinor, ctx).toBe(sum(o.shippingLines.map((s) => s.priceMinor)));
  const lineTax = sum(o.lines.flatMap((l) => l.taxLines.map((t) => t.amountMinor)));
  const shipTax = sum(o.shippingLines.flatMap((s) => s.taxLines.map((t) => t.amountMinor)));
  expect(o.totalTaxMinor, ctx).toBe(lineTax + shipTax);
  expect(o.totalMinor, ctx).toBe(o.subtotalMinor + o.totalShippingMinor - shipDiscount + o.totalTaxMinor);
  // Each tax line is its rate applied to the line's net amount, rounded half up.
  o.lines.forEach((l, i) => {
    expect(l.discountMinor, ctx).toBeGreaterThanOrEqual(0);
    expect(l.discountMinor, ctx).toBeLessThanOrEqual(l.unitPriceMinor * l.quantity);
    expect(l.quantity, ctx).toBeGreaterThanOrEqual(1);
    for (const t of l.taxLines) expect(t.amountMinor, ctx).toBe(roundTax(lineNet[i] as number, t.rate));
    if (!l.taxable) expect(l.taxLines, ctx).toEqual([]);
  });
  for (const s of o.shippingLines) {
    for (const t of s.taxLines) expect(t.amountMinor, ctx).toBe(roundTax(s.priceMinor - s.discountMinor, t.rate));
  }
  if (o.lines.length > 0) expect(o.lines.length, ctx).toBeLessThanOrEqual(4);
  const discountTotal = sum(o.discounts.map((d) => d.amountMinor));
  expect(discountTotal, ctx).toBe(o.totalDiscountsMinor);

  // Refunds: each adds up, never more than was paid, never more units than were bought.
  for (const r of o.refunds) {
    expect(r.totalMinor, ctx).toBe(sum(r.lines.map((l) => l.subtotalMinor + l.taxMinor)) + r.shippingMinor + r.shippingTaxMinor);
    expect(sum(r.transactions.filter((t) => t.kind === 'refund' && t.status === 'success').map((t) => t.amountMinor)), ctx).toBe(r.totalMinor);
    for (const rl of r.lines) {
      const line = o.lines.find((l) => l.id === rl.lineId);
      expect(line, ctx).toBeDefined();
      expect(rl.quantity, ctx).toBeLessThanOrEqual(line?.quantity ?? 0);
    }
    expect(Date.parse(r.createdAt), ctx).toBeGreaterThan(Date.parse(o.createdAt));
  }
  expect(refunded(o), ctx).toBeLessThanOrEqual(o.totalMinor);
  expect(refunded(o), ctx).toBeLessThanOrEqual(received(o));

  // Transactions agree with the financial status.
  const ok = o.transactions.filter((t) => t.status === 'success');
  const auth = ok.some((t) => t.kind === 'authorization');
  const voided = ok.some((t) => t.kind === 'void');
  const got = received(o);
  switch (o.financialStatus) {
    case 'paid': expect(got, ctx).toBe(o.totalMinor); expect(refunded(o), ctx).toBe(0); break;
    case 'partially_paid': expect(got, ctx).toBeGreaterThan(0); expect(got, ctx).toBeLessThan(o.totalMinor); break;
    case 'pending': expect(got, ctx).toBe(0); expect(auth, ctx).toBe(false); break;
    case 'authorized': expect(got, ctx).toBe(0); expect(auth, ctx).toBe(true); expect(voided, ctx).toBe(false); break;
    case 'voided': expect(got, ctx).toBe(0); expect(auth && voided, ctx).toBe(true); break;
    case 'partially_refunded': expect(got, ctx).toBe(o.totalMinor); expect(refunded(o), ctx).toBeGreaterThan(0); expect(refunded(o), ctx).toBeLessThan(got); break;
    case 'refunded': expect(got, ctx).toBe(o.totalMinor); expect(refunded(o), ctx).toBe(got); break;
  }
  // Instants are whole-second UTC, in order.
  for (const t of [o.createdAt, o.updatedAt, o.processedAt, ...o.transactions.map((x) => x.processedAt)]) {
    expect(t, ctx).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  }
  expect(Date.parse(o.updatedAt), ctx).toBeGreaterThanOrEqual(Date.parse(o.createdAt));
  if (o.cancelledAt) expect(o.financialStatus === 'voided' || o.financialStatus === 'refunded', ctx).toBe(true);
  if (o.presentmentCurrency === 'USD') expect(o.presentmentRate, ctx).toBe('1.0');
}

describe('store orders', () => {
  const demo = demoBusiness();
  const larger = generateBusiness({ seed: 11, orders: 1000 });

  it('every demo and 1,000-order business order adds up (lines, discounts, tax, shipping, refunds, transactions)', () => {
    for (const o of demo.store.orders) checkOrder(o);
    for (const o of larger.store.orders) checkOrder(o);
  });

  it('ids, numbers and names are unique and increase with time', () => {
    for (const b of [demo, larger] as SeedBusiness[]) {
      const orders = b.store.orders;
      expect(new Set(orders.map((o) => o.id)).size).toBe(orders.length);
      for (let i = 1; i < orders.length; i++) {
        const [a, c] = [orders[i - 1] as SeedOrder, orders[i] as SeedOrder];
        expect(c.number).toBeGreaterThan(a.number);
        expect(Number(c.id)).toBeGreaterThan(Number(a.id));
        expect(Date.parse(c.createdAt)).toBeGreaterThanOrEqual(Date.parse(a.createdAt));
        expect(c.name).toBe(`#${c.number}`);
      }
      const lineIds = orders.flatMap((o) => o.lines.map((l) => l.id));
      expect(new Set(lineIds).size).toBe(lineIds.length);
      const txIds = orders.flatMap((o) => o.transactions.map((t) => t.id));
      expect(new Set(txIds).size).toBe(txIds.length);
    }
  });

  it('the demo is a believable store: 120 orders over 120 days, 1–4 lines, guests, repeat buyers, discounts, test and foreign orders', () => {
    const orders = demo.store.orders;
    expect(orders).toHaveLength(120);
    expect(demo.store).toMatchObject({ domain: 'harbor-goods.myshopify.com', currency: 'USD', timeZone: 'America/Chicago' });
    const now = Date.parse('2026-11-20T12:00:00Z');
    expect(orders.some((o) => now - Date.parse(o.createdAt) > 60 * 86_400_000)).toBe(true);
    expect(orders.some((o) => now - Date.parse(o.createdAt) < 30 * 86_400_000)).toBe(true);
    expect(orders.every((o) => o.lines.length >= 1 && o.lines.length <= 4)).toBe(true);
    expect(orders.some((o) => o.customer === null && o.email !== null)).toBe(true);
    const perCustomer = new Map<string, number>();
    for (const o of orders) if (o.customer) perCustomer.set(o.customer.id, (perCustomer.get(o.customer.id) ?? 0) + 1);
    expect([...perCustomer.values()].some((n) => n >= 3)).toBe(true);
    expect(orders.some((o) => o.discounts.some((d) => d.type === 'percentage'))).toBe(true);
    expect(orders.some((o) => o.discounts.length > 0)).toBe(true);
    expect(orders.filter((o) => o.test).length).toBeGreaterThanOrEqual(2);
    expect(orders.some((o) => o.presentmentCurrency === 'CAD' || o.presentmentCurrency === 'EUR')).toBe(true);
    expect(orders.some((o) => o.lines.some((l) => l.sku === null))).toBe(true);
    expect(orders.some((o) => o.lines.some((l) => l.taxLines.length > 0))).toBe(true);
    const skus = new Set(orders.flatMap((o) => o.lines.map((l) => l.sku)).filter((s) => s !== null));
    expect(skus.size).toBeGreaterThan(15);
  });

  it('some orders have a 1-cent difference between per-line tax and tax on the order total', () => {
    const perOrderDiffers = (o: SeedOrder): boolean => {
      const rates = new Map<string, { rate: string; base: number; perLine: number }>();
      for (const l of o.lines) {
        for (const t of l.taxLines) {
          const e = rates.get(t.title) ?? { rate: t.rate, base: 0, perLine: 0 };
          e.base += l.unitPriceMinor * l.quantity - l.discountMinor;
          e.perLine += t.amountMinor;
          rates.set(t.title, e);
        }
      }
      return [...rates.values()].some((e) => Math.abs(roundTax(e.base, e.rate) - e.perLine) >= 1);
    };
    expect(demo.store.orders.filter(perOrderDiffers).length).toBeGreaterThanOrEqual(2);
  });

  it('refund shapes: partial line, shipping-only and full refunds all occur', () => {
    const refunds = demo.store.orders.flatMap((o) => o.refunds.map((r) => ({ o, r })));
    expect(refunds.some(({ r }) => r.lines.length === 0 && r.shippingMinor > 0)).toBe(true);
    expect(refunds.some(({ o, r }) => r.lines.length > 0 && r.totalMinor < o.totalMinor)).toBe(true);
    expect(refunds.some(({ o, r }) => r.totalMinor === o.totalMinor)).toBe(true);
  });

  it('namePrefix/nameSuffix give another naming scheme, and DocNumbers follow it', () => {
    const eu = generateBusiness({ seed: 2, orders: 90, namePrefix: 'EU-', firstNumber: 5001 });
    expect(eu.store.orders.every((o) => /^EU-\d{4}$/.test(o.name))).toBe(true);
    expect(eu.store.orders[0]?.number).toBeGreaterThanOrEqual(5001);
    const docNumbers = new Set(eu.books.SalesReceipt.map((d) => d.DocNumber).filter(Boolean));
    expect([...docNumbers].every((n) => String(n).startsWith('EU-'))).toBe(true);
    const long = generateBusiness({ seed: 2, orders: 40, namePrefix: 'HARBOR-GOODS-WEB-', nameSuffix: '-US' });
    const names = new Map(long.store.orders.map((o) => [o.id, o.name]));
    for (const e of long.expected) {
      for (const d of e.qboDocs.filter((x) => x.type === 'SalesReceipt' || x.type === 'Invoice')) {
        const doc = long.books[d.type].find((x) => x.Id === d.id);
        if (doc?.DocNumber !== undefined) expect(doc.DocNumber).toBe((names.get(e.orderId) as string).slice(0, 21));
      }
    }
    expect(long.store.orders.every((o) => o.name.length > 21)).toBe(true);
  });
});
