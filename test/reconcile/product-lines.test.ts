import { describe, expect, it } from 'vitest';
import { ProductLines } from '../../main/reconcile/facts';

describe('shared product lines', () => {
  it('hands out one object for identical lines and a new one when any field differs', () => {
    const lines = new ProductLines();
    const first = lines.line('MUG-1', '', 2, 1250, 2500);
    expect(lines.line('MUG-1', '', 2, 1250, 2500)).toBe(first);
    const others = [
      lines.line('MUG-2', '', 2, 1250, 2500),
      lines.line('MUG-1', '', 3, 1250, 3750),
      lines.line('MUG-1', '', 2, 1300, 2500),
      lines.line('MUG-1', '', 2, null, 2500),
      lines.line('MUG-1', '', 2, 1250, 2400),
      // A product without a SKU named like another's SKU is another product.
      lines.line(null, 'MUG-1', 2, 1250, 2500),
    ];
    for (const other of others) expect(other).not.toBe(first);
    expect(new Set(others).size).toBe(others.length);
    expect(others[5]).toEqual({ sku: null, name: 'MUG-1', qty: 2, unitPrice: 1250, amount: 2500 });
  });

  it('still makes every line past the lines it keeps per product', () => {
    const lines = new ProductLines();
    const made = Array.from({ length: 40 }, (_, qty) => lines.line('TEA', '', qty, 100, qty * 100));
    expect(made.map((l) => l.qty)).toEqual(Array.from({ length: 40 }, (_, qty) => qty));
    // The first ones are kept and shared; later quantities are made afresh each time, equal all the same.
    expect(lines.line('TEA', '', 1, 100, 100)).toBe(made[1]);
    expect(lines.line('TEA', '', 39, 100, 3900)).toEqual(made[39]);
  });
});
