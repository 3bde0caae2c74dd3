import { describe, expect, it } from 'vitest';
import { openCompanyDb } from '../../../main/mirror/open';
import { loadOrder } from '../../../main/mirror/store-orders';
import { netTotal } from '../../../main/orders/net-total';
import { importCsv } from '../../../main/stores/csv/import-csv';
import { tempDir } from '../../helpers/tmp';
import { fixture } from './helpers';


describe('importing the generic order CSV (GENERIC-CSV.md)', () => {
  it('reads orders, lines, presentment amounts, refunds and three-decimal currencies', async () => {
    const db = openCompanyDb(tempDir(), '1');
    const result = await importCsv({ db, storeId: 'g', file: fixture('generic-orders.csv') });
    expect(result).toEqual({ format: 'generic', added: 3, updated: 0, unchanged: 0, rejected: [], refused: false });

    const w501 = loadOrder(db, 'g', 'W-501')!;
    expect(w501.number).toBe('#501');
    expect(w501.createdAt).toBe('2025-10-07T07:50:26.000Z');
    expect(w501.updatedAt).toBe('2025-10-08T10:00:00.000Z');
    expect(w501.currency).toBe('USD');
    expect(w501.presentmentCurrency).toBe('CAD');
    expect(w501.presentmentAmounts).toEqual({ total: 4710, totalTax: null, shipping: null, discounts: null });
    expect(w501.total).toBe(3450);
    expect(w501.lines).toEqual([
      { sku: 'MUG-1', title: 'Mug', quantity: 2, unitPrice: 1000, discount: 0, tax: 200, total: 2000 },
      { sku: 'CARD-1', title: 'Card, "thank you"', quantity: 1, unitPrice: 700, discount: 0, tax: 50, total: 700 },
    ]);
    expect(w501.shippingLines).toEqual([{ title: 'Ground', amount: 500, tax: null }]);
    expect(w501.transactions).toEqual([{ kind: 'sale', gateway: 'stripe', amount: 3450, createdAt: '2025-10-07T07:51:00.000Z', reference: 'pi_123' }]);
    expect(w501.customer).toMatchObject({ email: 'ann@example.com', name: 'Ann Lee' });
    expect(w501.customer.billingAddress?.zip).toBe('02108');

    const w502 = loadOrder(db, 'g', 'W-502')!;
    expect(w502.currency).toBe('KWD');
    expect(w502.total).toBe(12345);
    expect(w502.lines[0]).toEqual({ sku: 'TEA', title: 'Tea', quantity: 3, unitPrice: 4448, discount: 0, tax: null, total: 13344 });
    expect(w502.discounts).toEqual([{ code: 'SAVE1', amount: 1000 }]);
    expect(w502.refunds).toEqual([{ id: null, createdAt: '2025-10-12T08:00:00.000Z', amount: 2500, tax: null, shipping: null, lines: [] }]);
    expect(netTotal(w502)).toBe(9845);
    expect(w502.updatedAt).toBe('2025-10-12T08:00:00.000Z');

    const w503 = loadOrder(db, 'g', 'W-503')!;
    expect(w503.number).toBe('#503');
    expect(w503.total).toBe(29);
    expect(w503.test).toBe(true);
    expect(w503.cancelledAt).toBe('2025-10-10T01:00:00.000Z');
    expect(w503.financialStatus).toBe('pending');
    expect(w503.customer).toEqual({ email: null, name: null, phone: null, billingAddress: null, shippingAddress: null });
    db.close();
  });
});
