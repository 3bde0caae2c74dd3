import { describe, expect, it } from 'vitest';
import { phpFloatText, shopifyDecimal, toPresentmentMinor, wooDecimal } from '../../../sandbox/shopify/money';

describe('store money formatting', () => {
  it('prints Shopify Decimals with trailing zeros dropped but one fractional digit kept', () => {
    expect(shopifyDecimal(1230, 'USD')).toBe('12.3');
    expect(shopifyDecimal(1299, 'USD')).toBe('12.99');
    expect(shopifyDecimal(0, 'USD')).toBe('0.0');
    expect(shopifyDecimal(5, 'USD')).toBe('0.05');
    expect(shopifyDecimal(-1893, 'USD')).toBe('-18.93');
    expect(shopifyDecimal(1200, 'JPY')).toBe('1200.0');
    expect(shopifyDecimal(12345, 'KWD')).toBe('12.345');
  });

  it('prints WooCommerce strings fixed to the store decimals or dp', () => {
    expect(wooDecimal(1230, 'USD')).toBe('12.30');
    expect(wooDecimal(5, 'USD')).toBe('0.05');
    expect(wooDecimal(1200, 'JPY')).toBe('1200');
    expect(wooDecimal(1250, 'USD', 1)).toBe('12.5');
    expect(wooDecimal(1249, 'USD', 0)).toBe('12');
    expect(wooDecimal(1250, 'USD', 0)).toBe('13');
    expect(wooDecimal(-1250, 'USD', 0)).toBe('-13');
    expect(phpFloatText(90, 'USD')).toBe('0.9');
    expect(phpFloatText(500, 'USD')).toBe('5');
  });

  it('converts to presentment minor units across exponents, half away from zero', () => {
    expect(toPresentmentMinor(5765, 'USD', 'EUR', '0.92')).toBe(5304);
    expect(toPresentmentMinor(1299, 'USD', 'JPY', '151.5')).toBe(1968);
    expect(toPresentmentMinor(1000, 'JPY', 'USD', '0.0066')).toBe(660);
    expect(toPresentmentMinor(50, 'USD', 'EUR', '0.5')).toBe(25);
    expect(toPresentmentMinor(5, 'USD', 'EUR', '0.5')).toBe(3);
    expect(toPresentmentMinor(777, 'USD', 'USD', '1.0')).toBe(777);
  });
});
