/**
 * Writes seeded orders as Shopify's "Export orders" CSV (one row per line item, order fields on
 * the first row only), the way a merchant would hand the file over. Test tooling: it lets the CSV
 * importer read the same business the API stand-ins serve.
 */
import { writeFileSync } from 'node:fs';
import type { SeedOrder } from '../../../sandbox/seed/types';

const COLUMNS = [
  'Name', 'Email', 'Financial Status', 'Paid at', 'Fulfillment Status', 'Currency', 'Subtotal', 'Shipping', 'Taxes', 'Total',
  'Discount Code', 'Discount Amount', 'Shipping Method', 'Created at', 'Lineitem quantity', 'Lineitem name', 'Lineitem price',
  'Lineitem sku', 'Lineitem discount', 'Billing Name', 'Cancelled at', 'Payment Method', 'Refunded Amount', 'Id', 'Test',
] as const;

function money(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Shopify writes local times with their offset; UTC with +0000 is one of them. */
const exportTime = (iso: string | null) => (iso === null ? '' : `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000`);

function cell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function writeShopifyExport(file: string, orders: readonly SeedOrder[]): void {
  const rows: string[] = [COLUMNS.join(',')];
  for (const o of orders) {
    o.lines.forEach((line, index) => {
      const row: Record<(typeof COLUMNS)[number], string> = Object.fromEntries(COLUMNS.map((c) => [c, ''])) as never;
      Object.assign(row, {
        Name: o.name,
        Email: o.email ?? '',
        'Lineitem quantity': String(line.quantity),
        'Lineitem name': line.title,
        'Lineitem price': money(line.unitPriceMinor),
        'Lineitem sku': line.sku ?? '',
        'Lineitem discount': money(line.discountMinor),
      });
      if (index === 0) {
        Object.assign(row, {
          'Financial Status': o.financialStatus,
          'Paid at': o.financialStatus === 'pending' || o.financialStatus === 'authorized' ? '' : exportTime(o.processedAt),
          'Fulfillment Status': o.fulfillmentStatus ?? 'unfulfilled',
          Currency: o.currency,
          Subtotal: money(o.subtotalMinor),
          Shipping: money(o.shippingLines.reduce((s, l) => s + l.priceMinor - l.discountMinor, 0)),
          Taxes: money(o.totalTaxMinor),
          Total: money(o.totalMinor),
          'Discount Code': o.discounts[0]?.code ?? '',
          'Discount Amount': o.discounts.length ? money(o.totalDiscountsMinor) : '',
          'Shipping Method': o.shippingLines[0]?.title ?? '',
          'Created at': exportTime(o.createdAt),
          'Billing Name': o.billingAddress ? `${o.billingAddress.firstName} ${o.billingAddress.lastName}` : '',
          'Cancelled at': exportTime(o.cancelledAt),
          'Payment Method': o.gateway,
          'Refunded Amount': money(o.refunds.reduce((s, r) => s + r.totalMinor, 0)),
          Id: o.id,
          Test: o.test ? 'true' : 'false',
        });
      }
      rows.push(COLUMNS.map((c) => cell(row[c])).join(','));
    });
  }
  writeFileSync(file, rows.join('\n') + '\n');
}
