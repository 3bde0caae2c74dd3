import { describe, expect, it } from 'vitest';
import { DEMO_NOW } from '../../sandbox/seed/business';
import type { SeedBooks } from '../../sandbox/seed/types';
import { reconcileCompany } from '../../main/reconcile/service';
import { storedResult } from '../../main/reconcile/read';
import { linkDocument } from '../../main/reconcile/decisions';
import { Proposer } from '../../main/reconcile/proposals';
import { postingPreferencesSchema, taxSignature, type PostingPreferences } from '../../main/reconcile/posting-preferences';
import type { CompanyDb } from '../../main/mirror/open';
import type { OrderResult } from '../../main/reconcile/types';
import { writeQboEntities } from '../../main/mirror/qbo/write';
import { allStoreOrders, REALM, STORE_ID } from './helpers/seeded-mirror';
import { standInBooks } from './helpers/apply-proposal';
import { CONFIG } from './helpers/config';
import { useDemo } from './helpers/demo';

const demo = useDemo();

/** A full reconcile, then every stored verdict. */
function reconciled(db: CompanyDb): { orders: OrderResult[] } {
  reconcileCompany(db, CONFIG);
  const keys = db.prepare("SELECT store_id || '/' || source_id FROM reconcile_orders ORDER BY store_id, source_id").pluck().all() as string[];
  return { orders: keys.map((k) => storedResult(db, k)!) };
}
const byName = (list: Array<Record<string, unknown>>, name: string): string => String(list.find((x) => x.Name === name)!.Id);

/** What the bookkeeper would set up for the seeded company: its shipping item, accounts, tax codes. */
function seedPreferences(db: CompanyDb, books: SeedBooks, roundingItemId?: string): PostingPreferences {
  const taxCodes: Record<string, string> = {};
  const orders = new Map(allStoreOrders(db).map((o) => [o.sourceId, o]));
  for (const doc of [...books.SalesReceipt, ...books.Invoice]) {
    const code = (doc.TxnTaxDetail as { TxnTaxCodeRef?: { value: string } }).TxnTaxCodeRef?.value;
    const stamp = typeof doc.PrivateNote === 'string' ? /ledgerbridge:shopify:(\d+)/.exec(doc.PrivateNote)?.[1] : undefined;
    const order = stamp ? orders.get(stamp) : undefined;
    if (code && order && order.taxLines.length) taxCodes[taxSignature(order.taxLines.map((t) => t.title))] = code;
  }
  return postingPreferencesSchema.parse({
    shippingItemId: byName(books.Item, 'Shipping'),
    discountAccountId: byName(books.Account, 'Discounts given'),
    depositAccountId: byName(books.Account, 'Undeposited Funds'),
    incomeAccountId: byName(books.Account, 'Sales of Product Income'),
    roundingItemId,
    taxCodes,
  });
}

describe('proposals', () => {
  it('every proposal, applied to the QBO stand-in, brings its order to in_sync on the next reconcile', () => {
    const { db } = demo.mirror();
    const books = demo.business.books;
    const qbo = standInBooks(books, REALM, DEMO_NOW.getTime());
    const rounding = qbo.create('Item', { Name: 'Tax Rounding', Type: 'Service', IncomeAccountRef: { value: byName(books.Account, 'Sales of Product Income') } });
    qbo.syncInto(db);
    const prefs = new Map([[STORE_ID, seedPreferences(db, books, String(rounding.Id))]]);

    const first = reconciled(db);
    const proposer = new Proposer(db, CONFIG, prefs);
    const touched: string[] = [];
    const kinds = new Set<string>();
    for (const r of first.orders) {
      if (r.status === 'in_sync' || r.status === 'ignored') continue;
      const p = proposer.propose(r)!;
      expect(p.missing, `${r.number} ${r.status}`).toEqual([]);
      kinds.add(p.kind);
      if (r.status === 'suggested_match') {
        expect(p.link?.docKey).toBe(r.suggestion!.docKey);
        linkDocument(db, r.key, p.link!.docKey, { by: 'tester' }, 'confirmed');
        continue;
      }
      expect(p.writes.length, `${r.number} ${r.status}`).toBeGreaterThan(0);
      qbo.apply(p.writes);
      // As the push engine will: what a bundle created is read back before the next one is built.
      qbo.syncInto(db);
      touched.push(r.key);
    }
    expect([...kinds].sort()).toEqual(['create', 'link', 'payment', 'refund', 'update', 'void']);
    qbo.syncInto(db);
    const second = reconciled(db);
    const after = new Map(second.orders.map((o) => [o.key, o]));
    const notFixed = touched.map((k) => after.get(k)!).filter((r) => r.status !== 'in_sync').map((r) => `${r.number}: ${r.status} — ${r.explanation}`);
    expect(notFixed).toEqual([]);

    // Confirmed suggestions now differ (entered by hand as a summary line, a day late); their proposals finish the job.
    const confirmed = second.orders.filter((r) => r.status !== 'in_sync');
    expect(confirmed.length).toBeGreaterThan(0);
    for (const r of confirmed) {
      expect(r.match?.method).toBe('confirmed');
      qbo.apply(proposer.propose(r)!.writes);
    }
    qbo.syncInto(db);
    const third = reconciled(db);
    expect(third.orders.filter((r) => r.status !== 'in_sync').map((r) => `${r.number}: ${r.status} — ${r.explanation}`)).toEqual([]);
  });

  it('names the missing setting instead of guessing', () => {
    const { db } = demo.mirror();
    const out = reconciled(db);
    const proposer = new Proposer(db, CONFIG, new Map());
    const missing = out.orders.filter((r) => r.status === 'missing_in_qbo').map((r) => proposer.propose(r)!);
    expect(missing.length).toBeGreaterThan(0);
    for (const p of missing) {
      expect(p.writes).toEqual([]);
      expect(p.missing.length).toBeGreaterThan(0);
      expect(p.summary).toMatch(/^cannot propose yet: /);
    }
    // Money received must be deposited somewhere: every paid order asks for the account.
    const paid = out.orders.filter((r) => r.status === 'missing_in_qbo' && r.key === demo.order('missing_paid').key).map((r) => proposer.propose(r)!);
    expect(paid[0]!.missing.map((m) => m.setting)).toContain(`stores[${STORE_ID}].posting.depositAccountId`);
    const withShipping = missing.find((p) => p.missing.some((m) => m.setting.endsWith('.shippingItemId')));
    expect(withShipping?.missing.find((m) => m.setting.endsWith('.shippingItemId'))?.why).toMatch(/shipping item/);
    const taxed = missing.find((p) => p.missing.some((m) => m.setting.includes('.taxCodes[')));
    expect(taxed, 'a missing order with tax').toBeDefined();
  });

  it('proposes a Sales Receipt with shipping, discount, the tax code and the stamp for a paid order', () => {
    const { db } = demo.mirror();
    const prefs = new Map([[STORE_ID, seedPreferences(db, demo.business.books)]]);
    const out = reconciled(db);
    const r = out.orders.find((o) => o.key === demo.order('missing_paid').key)!;
    const p = new Proposer(db, CONFIG, prefs).propose(r)!;
    const doc = p.writes.find((w) => w.step === 'document')!;
    expect(doc.entity).toBe('SalesReceipt');
    expect(doc.payload.PrivateNote).toBe(`ledgerbridge:shopify:${r.sourceId}`);
    expect(doc.payload.DocNumber).toBe(r.number);
    expect(doc.payload.TxnDate).toBe(r.orderDate);
    expect((doc.payload.DepositToAccountRef as { value: string }).value).toBe(byName(demo.business.books.Account, 'Undeposited Funds'));
    void writeQboEntities;
  });
});
