/**
 * What differs between the platforms behind API2Cart, kept per platform instead of "fixed"
 * (api2cart.md §7): status ids are the platform's own, so each platform has its own table to our
 * financial status; an id missing from the table is reported, never guessed. Money conventions
 * differ too: Etsy's subtotal is already net of discount, Walmart's line `total_price` includes tax.
 */
import type { FinancialStatus } from '../../orders/store-order';

/** A platform status means a financial status, or "cancelled" (voided unless money went back). */
export type StatusMeaning = FinancialStatus | 'cancelled';

export interface PlatformRules {
  /** How we name the platform to the bookkeeper. */
  label: string;
  /** Keys are lower-cased status ids. */
  statuses: Readonly<Record<string, StatusMeaning>>;
  /** totals.subtotal is after discounts (and totals.shipping after shipping discounts). */
  subtotalNetOfDiscount: boolean;
  /** order_products[].total_price includes the line's tax. */
  lineTotalIncludesTax: boolean;
  /** Longest modified_from..modified_to range the platform accepts (eBay: 30 days, else 109). */
  maxModifiedRangeMs?: number;
}

const MAGENTO: PlatformRules = {
  label: 'Magento',
  statuses: {
    pending: 'pending',
    pending_payment: 'pending',
    payment_review: 'authorized',
    processing: 'paid',
    complete: 'paid',
    closed: 'refunded',
    canceled: 'cancelled',
  },
  subtotalNetOfDiscount: false,
  lineTotalIncludesTax: false,
};

const PLATFORMS: Record<string, PlatformRules> = {
  Magento2Api: MAGENTO,
  Magento1212: MAGENTO,
  EBay: {
    label: 'eBay',
    statuses: { active: 'pending', completed: 'paid', shipped: 'paid', cancelled: 'cancelled' },
    subtotalNetOfDiscount: false,
    lineTotalIncludesTax: false,
    maxModifiedRangeMs: 30 * 86_400_000,
  },
  EtsyAPIv3: {
    label: 'Etsy',
    statuses: {
      open: 'pending',
      'payment processing': 'authorized',
      paid: 'paid',
      completed: 'paid',
      'partially refunded': 'partially_refunded',
      'fully refunded': 'refunded',
      canceled: 'cancelled',
    },
    subtotalNetOfDiscount: true,
    lineTotalIncludesTax: false,
  },
  Walmart: {
    label: 'Walmart',
    // Walmart orders are charged when placed; these are fulfilment stages of a paid order.
    statuses: { created: 'paid', acknowledged: 'paid', shipped: 'paid', delivered: 'paid', cancelled: 'cancelled' },
    subtotalNetOfDiscount: false,
    lineTotalIncludesTax: true,
  },
};

/** Rules for an API2Cart `cart_id`; an unlisted platform gets an empty status table (all reported). */
export function platformRules(cartId: string): PlatformRules {
  return PLATFORMS[cartId] ?? { label: cartId, statuses: {}, subtotalNetOfDiscount: false, lineTotalIncludesTax: false };
}

export function knownPlatforms(): string[] {
  return Object.keys(PLATFORMS);
}
