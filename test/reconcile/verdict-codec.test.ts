/**
 * Stored verdicts (verdict-codec.ts) decode to exactly the verdicts encoded, over every status
 * the demo holds; rows stored in the earlier layout still decode until a full run rewrites them.
 */
import { describe, expect, it } from 'vitest';
import { loadInput } from '../../main/reconcile/load';
import { ReconcileSession } from '../../main/reconcile/session';
import { decodeVerdict, encodeVerdict, type VerdictColumns } from '../../main/reconcile/verdict-codec';
import type { OrderResult } from '../../main/reconcile/types';
import { CONFIG } from './helpers/config';
import { useDemo } from './helpers/demo';

const demo = useDemo();
const columns = (r: OrderResult): VerdictColumns => [r.storeId, r.sourceId, r.number, r.status, r.orderDate, r.total, r.currency];

describe('a stored verdict', () => {
  it('decodes to the verdict encoded, for every status, match, suggestion, document and difference the demo has', () => {
    const verdicts = [...new ReconcileSession(CONFIG).load(loadInput(demo.mirror().db)).results()];
    expect(new Set(verdicts.map((v) => v.status)).size).toBeGreaterThanOrEqual(6);
    expect(verdicts.some((v) => v.suggestion !== null) && verdicts.some((v) => v.diffs.some((d) => !d.differs)) && verdicts.some((v) => v.docs.length > 1)).toBe(true);
    for (const v of verdicts) expect(decodeVerdict(columns(v), encodeVerdict(v))).toEqual(v);
  });

  it('of the earlier layout (keyed objects) still decodes', () => {
    const [v] = [...new ReconcileSession(CONFIG).load(loadInput(demo.mirror().db)).results()].filter((r) => r.docs.length > 0 && r.match !== null);
    const layout1 = JSON.stringify([1, v!.customer, v!.skus, v!.match, v!.docs, v!.suggestion, v!.ignoredReason, v!.explanation, v!.diffs]);
    expect(decodeVerdict(columns(v!), layout1)).toEqual(v);
    expect(encodeVerdict(v!).length).toBeLessThan(layout1.length);
  });

  it('of a layout this build does not know is refused, naming the order', () => {
    expect(() => decodeVerdict(['shop-1', '42', '#42', 'in_sync', '2026-01-01', 100, 'USD'], '[9]')).toThrow('stored verdict of shop-1/42 has unknown layout 9');
  });
});
