/**
 * The demo business pulled once per test file; each test works on its own copy of the mirror.
 */
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { demoBusiness, DEMO_NOW } from '../../../sandbox/seed/business';
import type { ExpectedOrderStatus, SeedBusiness } from '../../../sandbox/seed/types';
import { orderKeyOf, type OrderKey } from '../../../main/reconcile/types';
import { cloneMirror, seededMirror, STORE_ID, type SeededMirror } from './seeded-mirror';

export interface Demo {
  business: SeedBusiness;
  /** A fresh copy of the seeded mirror, removed when the test ends. */
  mirror(): SeededMirror;
  /** The first expected order of a scenario kind, and its key. */
  order(kind: string, nth?: number): { expected: ExpectedOrderStatus; key: OrderKey };
}

export function useDemo(): Demo {
  let base: SeededMirror | undefined;
  const business = demoBusiness();
  beforeAll(async () => {
    base = await seededMirror(business, DEMO_NOW.getTime());
  });
  afterAll(() => base?.close());
  return {
    business,
    mirror() {
      const m = cloneMirror(base!.db);
      onTestFinished(() => m.close());
      return m;
    },
    order(kind, nth = 0) {
      const expected = business.expected.filter((e) => e.kind === kind)[nth];
      if (!expected) throw new Error(`the demo has no ${kind} order #${nth}`);
      return { expected, key: orderKeyOf(STORE_ID, expected.orderId) };
    },
  };
}
