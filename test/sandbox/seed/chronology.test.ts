import { describe, expect, it } from 'vitest';
import { DEMO_NOW, demoBusiness, generateBusiness, type QboEntityJson, type SeedBusiness } from '../../../sandbox/seed';
import { TXN_TYPES, findDoc, ordersById } from './helpers';

const created = (e: QboEntityJson): number => Date.parse((e.MetaData as { CreateTime: string }).CreateTime);
const updated = (e: QboEntityJson): number => Date.parse((e.MetaData as { LastUpdatedTime: string }).LastUpdatedTime);

function checkChronology(b: SeedBusiness, now: number): void {
  const orders = ordersById(b);
  const setup = Math.max(...b.books.Item.map(created), ...b.books.TaxRate.map(created));
  const customerCreated = new Map(b.books.Customer.map((c) => [c.Id, created(c)]));
  for (const t of TXN_TYPES) {
    for (const d of b.books[t]) {
      const ctx = `${t} ${d.Id}`;
      expect(created(d), ctx).toBeGreaterThan(setup);
      expect(updated(d), ctx).toBeLessThanOrEqual(now);
      expect(updated(d), ctx).toBeGreaterThanOrEqual(created(d));
      expect(customerCreated.get((d.CustomerRef as { value: string }).value), ctx).toBeLessThanOrEqual(created(d));
      expect((d.MetaData as { CreateTime: string }).CreateTime, ctx).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[78]:00$/);
    }
  }
  for (const e of b.expected) {
    const o = orders.get(e.orderId);
    const docs = e.qboDocs.map((d) => findDoc(b.books, d.type, d.id));
    const main = docs[0];
    if (!o || !main) continue;
    expect(created(main), e.orderName).toBeGreaterThanOrEqual(Date.parse(o.createdAt));
    for (const d of docs.slice(1)) expect(created(d), `${e.orderName} follow-up`).toBeGreaterThanOrEqual(created(main));
  }
}

describe('seed chronology', () => {
  it('documents are entered after their orders and after the set-up, customers exist before their documents, nothing after now', () => {
    checkChronology(demoBusiness(), DEMO_NOW.getTime());
    const now = new Date('2026-03-15T08:00:00Z');
    checkChronology(generateBusiness({ seed: 21, orders: 500, now, days: 45 }), now.getTime());
  });

  it('payments and refund documents never precede the document they belong to (2,000 orders)', () => {
    const b = generateBusiness({ seed: 4, orders: 2000 });
    const problems: string[] = [];
    for (const e of b.expected) {
      const docs = e.qboDocs.map((d) => findDoc(b.books, d.type, d.id));
      for (const d of docs.slice(1)) if (created(d) < created(docs[0] as QboEntityJson)) problems.push(`${e.orderName} ${String(d.Id)}`);
    }
    expect(problems).toEqual([]);
  });
});
