import { describe, expect, it } from 'vitest';
import { openCompanyDb } from '../../../main/mirror/open';
import { loadOrder } from '../../../main/mirror/store-orders';
import { netTotal } from '../../../main/orders/net-total';
import { importCsv } from '../../../main/stores/csv/import-csv';
import { tempDir } from '../../helpers/tmp';
import { fixture, orderIds } from './helpers';


describe('importing a Shopify "Export orders" file', () => {
  it('groups line rows into orders and normalises every field', async () => {
    const db = openCompanyDb(tempDir(), '1');
    const result = await importCsv({ db, storeId: 's', file: fixture('shopify-export.csv') });
    expect(result).toEqual({ format: 'shopify', added: 3, updated: 0, unchanged: 0, rejected: [], refused: false });

    const o = loadOrder(db, 's', '#1001')!;
    expect(o.source).toBe('csv');
    expect(o.number).toBe('#1001');
    expect(o.createdAt).toBe('2025-10-07T07:50:26.000Z');
    expect(o.updatedAt).toBe('2025-10-08T09:00:00.000Z');
    expect(o.currency).toBe('EUR');
    expect(o.presentmentCurrency).toBe('EUR');
    expect(o.total).toBe(5881);
    expect(o.totalTax).toBe(980);
    expect(o.taxLines).toEqual([{ title: 'DE MwSt 19%', amount: 980 }]);
    expect(o.shippingLines).toEqual([{ title: 'Standard', amount: 490, tax: null }]);
    expect(o.discounts).toEqual([{ code: 'WELCOME10', amount: 599 }]);
    expect(o.financialStatus).toBe('paid');
    expect(o.lines).toEqual([
      { sku: 'MUG-BLUE', title: 'Blue mug', quantity: 2, unitPrice: 1250, discount: 0, tax: null, total: 2500 },
      { sku: 'PLATE-RED-L', title: 'Red plate, large', quantity: 1, unitPrice: 1891, discount: 0, tax: null, total: 1891 },
      { sku: null, title: 'Gift wrap "deluxe"', quantity: 1, unitPrice: 1000, discount: 599, tax: null, total: 401 },
    ]);
    expect(o.customer.email).toBe('anna@example.com');
    expect(o.customer.name).toBe('Anna Schmidt');
    expect(o.customer.billingAddress).toMatchObject({ address1: 'Hauptstrasse 1', city: 'Berlin', zip: '01067', country: 'DE' });
    expect(o.customer.shippingAddress?.zip).toBe('01067');
    expect(o.transactions).toEqual([{ kind: 'sale', gateway: 'Shopify Payments', amount: 5881, createdAt: '2025-10-07T07:50:26.000Z', reference: 'rIw4QXqrJbXeyKv4gKSgs2b8P' }]);
    expect(o.refunds).toEqual([]);
    expect(o.test).toBe(false);

    const refunded = loadOrder(db, 's', '#1002')!;
    expect(refunded.createdAt).toBe('2025-10-10T06:10:00.000Z');
    expect(refunded.financialStatus).toBe('partially_refunded');
    expect(refunded.total).toBe(4000);
    expect(refunded.refunds).toEqual([{ id: null, createdAt: null, amount: 1000, tax: null, shipping: null, lines: [] }]);
    expect(netTotal(refunded)).toBe(3000);
    expect(refunded.customer.billingAddress?.zip).toBe('98101');

    const cancelled = loadOrder(db, 's', '#1003')!;
    expect(cancelled.financialStatus).toBe('voided');
    expect(cancelled.cancelledAt).toBe('2025-10-10T07:15:00.000Z');
    expect(cancelled.lines.map((l) => [l.sku, l.quantity])).toEqual([['COASTER', 1], ['GONE', 0]]);
    expect(cancelled.transactions).toEqual([]);
    db.close();
  });

  it('finds columns by name in any order, tolerates missing and extra columns, CRLF, and zero-decimal currencies', async () => {
    const db = openCompanyDb(tempDir(), '1');
    const result = await importCsv({ db, storeId: 's', file: fixture('shopify-reordered.csv') });
    expect(result).toMatchObject({ format: 'shopify', added: 2, rejected: [], refused: false });
    const jp = loadOrder(db, 's', 'JP-2001')!;
    expect(jp.currency).toBe('JPY');
    expect(jp.total).toBe(3520);
    expect(jp.totalTax).toBe(320);
    expect(jp.createdAt).toBe('2025-11-01T01:00:00.000Z');
    expect(jp.lines).toEqual([
      { sku: 'MATCHA', title: 'Matcha', quantity: 2, unitPrice: 1350, discount: 0, tax: null, total: 2700 },
      { sku: 'WHISK', title: 'Whisk', quantity: 1, unitPrice: 0, discount: 0, tax: null, total: 0 },
    ]);
    expect(jp.customer.billingAddress?.zip).toBe('100-0001');
    expect(jp.cancelledAt).toBeNull();
    expect(jp.taxLines).toEqual([]);
    expect(jp.test).toBe(false);
    const test = loadOrder(db, 's', 'JP-2002')!;
    expect(test.test).toBe(true);
    expect(test.financialStatus).toBe('pending');
    expect(test.createdAt).toBe('2025-10-31T15:30:00.000Z');
    db.close();
  });

  it('strips a UTF-8 byte-order mark', async () => {
    const db = openCompanyDb(tempDir(), '1');
    const result = await importCsv({ db, storeId: 's', file: fixture('shopify-bom.csv') });
    expect(result).toMatchObject({ format: 'shopify', added: 1, rejected: [], refused: false });
    expect(orderIds(db, 's')).toEqual(['#1003']);
    db.close();
  });

  it('is idempotent: re-importing changes nothing, an overlapping export updates only what changed', async () => {
    const db = openCompanyDb(tempDir(), '1');
    await importCsv({ db, storeId: 's', file: fixture('shopify-export.csv') });
    const first = db.prepare('SELECT id, source_id, content_hash, mirrored_at FROM store_orders ORDER BY id').all();
    expect(await importCsv({ db, storeId: 's', file: fixture('shopify-export.csv') })).toMatchObject({ added: 0, updated: 0, unchanged: 3, refused: false });
    expect(db.prepare('SELECT id, source_id, content_hash, mirrored_at FROM store_orders ORDER BY id').all()).toEqual(first);

    const overlap = await importCsv({ db, storeId: 's', file: fixture('shopify-overlap.csv') });
    expect(overlap).toMatchObject({ added: 1, updated: 1, unchanged: 1, rejected: [], refused: false });
    expect(orderIds(db, 's')).toEqual(['#1001', '#1002', '#1003', '#1004']);
    const refunded = loadOrder(db, 's', '#1002')!;
    expect(refunded.financialStatus).toBe('refunded');
    expect(refunded.total).toBe(4000);
    expect(netTotal(refunded)).toBe(0);
    // The same file into another store connection is another set of orders.
    expect(await importCsv({ db, storeId: 'other', file: fixture('shopify-overlap.csv') })).toMatchObject({ added: 3 });
    db.close();
  });
});
