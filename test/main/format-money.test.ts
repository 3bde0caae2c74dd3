import { describe, expect, it } from 'vitest';
import { allCurrencyCodes } from '../../main/orders/currencies';
import { formatMinor } from '../../main/orders/money';
import { formatMoney } from '../../renderer/src/format';

describe('the renderer formats money with the exponents the books use', () => {
  it('shows the same digits as main for every ISO currency (Intl alone gets HUF, IDR, COP and others wrong)', () => {
    for (const currency of allCurrencyCodes()) {
      for (const minor of [0, 5, 12345, -98765]) {
        const shown = formatMoney(minor, currency);
        // Grouping and symbols are Intl's; the digits and the point must be main's.
        const number = (shown.includes('-') ? '-' : '') + (shown.match(/\d[\d,]*(?:\.\d+)?/g) ?? ['']).at(-1)!.replace(/,/g, '');
        expect(number, `${minor} ${currency}: ${shown}`).toBe(formatMinor(minor, currency).replace(/,/g, ''));
      }
    }
    expect(formatMoney(12345, 'HUF')).toMatch(/^HUF\s123\.45$/);
  });
});
