import { describe, expect, it } from 'vitest';
import { parseMoneyInput } from '../../renderer/src/format';

describe('amounts typed into the review filters', () => {
  it('become exact minor units of the currency', () => {
    expect(parseMoneyInput('12', 'USD')).toBe(1200);
    expect(parseMoneyInput(' 1,234.5 ', 'USD')).toBe(123450);
    expect(parseMoneyInput('0.07', 'USD')).toBe(7);
    expect(parseMoneyInput('.5', 'USD')).toBe(50);
    expect(parseMoneyInput('-3.10', 'EUR')).toBe(-310);
    expect(parseMoneyInput('5000', 'JPY')).toBe(5000);
    expect(parseMoneyInput('1.234', 'KWD')).toBe(1234);
  });

  it('say empty as null and anything else as NaN (never a guess)', () => {
    expect(parseMoneyInput('', 'USD')).toBeNull();
    expect(parseMoneyInput('   ', 'USD')).toBeNull();
    for (const bad of ['abc', '1.2.3', '.', '-', '1.234', '12e3', '$12']) expect(parseMoneyInput(bad, 'USD')).toBeNaN();
    expect(parseMoneyInput('5.5', 'JPY')).toBeNaN();
    expect(parseMoneyInput('99999999999999999999', 'USD')).toBeNaN();
  });
});
