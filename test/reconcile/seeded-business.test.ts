import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBusiness, DEMO_NOW } from '../../sandbox/seed/business';
import type { SeedBusiness } from '../../sandbox/seed/types';
import { reconcileOnce as reconcile, type ReconcileOutput } from '../../main/reconcile/session';
import { loadInput } from '../../main/reconcile/load';
import { orderKeyOf } from '../../main/reconcile/types';
import { seededMirror, STORE_ID, type SeededMirror } from './helpers/seeded-mirror';
import { CONFIG } from './helpers/config';

let business: SeedBusiness;
let mirror: SeededMirror;
let out: ReconcileOutput;

beforeAll(async () => {
  business = demoBusiness();
  mirror = await seededMirror(business, DEMO_NOW.getTime());
  out = reconcile(loadInput(mirror.db), CONFIG);
});
afterAll(() => mirror?.close());

describe('reconciling the seeded business (Shopify stand-in → connector → mirror)', () => {
  it('gives every order the status the generator expects', () => {
    const byKey = new Map(out.orders.map((o) => [o.key, o]));
    const wrong = business.expected
      .map((e) => ({ e, got: byKey.get(orderKeyOf(STORE_ID, e.orderId)) }))
      .filter(({ e, got }) => got?.status !== e.status)
      .map(({ e, got }) => `${e.orderName} ${e.kind}: expected ${e.status}, got ${got?.status} — ${got?.explanation}`);
    expect(wrong).toEqual([]);
    expect(out.orders).toHaveLength(business.expected.length);
  });

  it('links (or suggests) exactly the documents the generator expects', () => {
    const byKey = new Map(out.orders.map((o) => [o.key, o]));
    const wrong: string[] = [];
    for (const e of business.expected) {
      const got = byKey.get(orderKeyOf(STORE_ID, e.orderId))!;
      const want = e.qboDocs.map((d) => `${d.type}:${d.id}`).sort();
      const have = (e.status === 'suggested_match' ? [got.suggestion?.docKey ?? '-'] : got.docs.map((d) => d.key)).sort();
      if (JSON.stringify(want) !== JSON.stringify(have)) wrong.push(`${e.orderName} ${e.kind}: expected ${want.join(',')}, got ${have.join(',')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('reports the orphans on the QBO side and nothing else', () => {
    expect(out.qboSide.map((q) => `${q.type}:${q.id}:${q.kind}`).sort()).toEqual(business.orphans.map((o) => `${o.type}:${o.id}:orphan`).sort());
  });

  it('explains fuzzy suggestions with the parts of the score', () => {
    const suggested = out.orders.filter((o) => o.status === 'suggested_match');
    expect(suggested.length).toBeGreaterThanOrEqual(3);
    for (const s of suggested) {
      expect(s.suggestion!.reasons).toContain('amount equal');
      expect(s.suggestion!.reasons).toContain('same email');
      expect(s.suggestion!.reasons.some((r) => /^[12] days? apart$/.test(r))).toBe(true);
      expect(s.suggestion!.reasons.some((r) => /^\d+ of \d+ SKUs?$/.test(r))).toBe(true);
      expect(s.suggestion!.score).toBeGreaterThanOrEqual(CONFIG.matching.reviewThreshold);
      expect(s.suggestion!.score).toBeLessThan(CONFIG.matching.autoLinkThreshold);
    }
  });

  it('shows each differs order the field that differs, with both values and the rule', () => {
    for (const e of business.expected.filter((x) => x.status === 'differs')) {
      const got = out.orders.find((o) => o.key === orderKeyOf(STORE_ID, e.orderId))!;
      const open = got.diffs.filter((d) => d.differs);
      expect(open.length, `${e.orderName} ${e.scenario}`).toBeGreaterThan(0);
      const field = { differs_tax: 'tax', differs_shipping: 'shipping', differs_line: 'line', differs_customer: 'customer', differs_presentment: 'total' }[e.kind as string];
      expect(open.map((d) => d.field), `${e.orderName} ${e.scenario}`).toContain(field);
      for (const d of open) {
        expect(d.rule).toBeTruthy();
        expect(d.store !== null || d.qbo !== null).toBe(true);
      }
      // The sentence the list shows, in English: "1 field differs: tax", "2 fields differ: tax, total".
      expect(got.explanation).toMatch(open.length === 1 ? /^1 field differs: \S/ : new RegExp(`^${open.length} fields differ: \\S`));
    }
  });
});
