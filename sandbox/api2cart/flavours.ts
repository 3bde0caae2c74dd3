/**
 * The platform flavours the stand-in serves the one seeded business as. Each mirrors a platform
 * the API2Cart mock fixtures show (api2cart.md §7): how `order_id` looks, which UTC offset dates
 * carry, which status names the platform uses, and its money conventions (Etsy's subtotal is
 * already net of discount; eBay leaves the internal `id` empty here, as AmazonSP does in the mock).
 */
import type { SeedOrder } from '../seed/types';

export type Api2CartFlavour = 'magento' | 'ebay' | 'etsy';

export const ALL_FLAVOURS: readonly Api2CartFlavour[] = ['magento', 'ebay', 'etsy'];

export interface FlavourProfile {
  flavour: Api2CartFlavour;
  /** API2Cart's platform id (`cart_id` in account.cart.list). */
  cartId: string;
  /** Minutes east of UTC of every date the platform prints. */
  offsetMinutes: number;
  /** What cart.info's stores_info[].timezone says. */
  timezone: string;
  storeName(base: string): string;
  storeUrl(domain: string): string;
  orderId(order: SeedOrder): string;
  internalId(order: SeedOrder): string;
  /** `store_id`: a string, a number or null on different platforms. */
  storeId: string | number | null;
  /** Etsy: `totals.subtotal` is after discounts and `totals.shipping` after shipping discounts. */
  subtotalNetOfDiscount: boolean;
  /** eBay leaves the buyer's email empty. */
  hidesEmail: boolean;
  /** Whether status.history records the changes (eBay's is empty in the mock). */
  keepsHistory: boolean;
  /** eBay refuses a modified_from..modified_to range over 30 days with 109 (api2cart.md §7). */
  maxModifiedRangeDays: number | null;
  status(order: SeedOrder): { id: string; name: string };
}


export const FLAVOURS: Record<Api2CartFlavour, FlavourProfile> = {
  magento: {
    flavour: 'magento',
    cartId: 'Magento2Api',
    offsetMinutes: 0,
    timezone: 'America/Chicago',
    storeName: (base) => base,
    storeUrl: (domain) => `https://${domain.replace(/\.myshopify\.com$/, '')}.example-magento.test`,
    orderId: (o) => String(o.number),
    internalId: (o) => o.id,
    storeId: '1',
    subtotalNetOfDiscount: false,
    hidesEmail: false,
    keepsHistory: true,
    maxModifiedRangeDays: null,
    status(o) {
      if (o.cancelledAt !== null && o.financialStatus !== 'refunded' && o.financialStatus !== 'partially_refunded') return { id: 'canceled', name: 'Canceled' };
      switch (o.financialStatus) {
        case 'pending': return { id: 'pending', name: 'Pending' };
        case 'authorized': return { id: 'payment_review', name: 'Payment Review' };
        case 'partially_paid': return { id: 'pending_payment', name: 'Pending Payment' };
        case 'refunded': return { id: 'closed', name: 'Closed' };
        case 'voided': return { id: 'canceled', name: 'Canceled' };
        default: return o.fulfillmentStatus === 'fulfilled' ? { id: 'complete', name: 'Complete' } : { id: 'processing', name: 'Processing' };
      }
    },
  },
  ebay: {
    flavour: 'ebay',
    cartId: 'EBay',
    offsetMinutes: 0,
    timezone: 'GMT',
    storeName: (base) => `${base} on eBay`,
    storeUrl: () => 'https://www.ebay.com',
    // 06-14633-74649: two digits, five, five; the last five keep it unique up to 99,999 orders.
    orderId: (o) => `${String(10 + (o.number % 89)).padStart(2, '0')}-${String(10000 + ((o.number * 7919) % 89999))}-${String(o.number % 100000).padStart(5, '0')}`,
    internalId: () => '',
    storeId: 'harbor-goods',
    subtotalNetOfDiscount: false,
    hidesEmail: true,
    keepsHistory: false,
    maxModifiedRangeDays: 30,
    status(o) {
      if (o.cancelledAt !== null || o.financialStatus === 'voided') return { id: 'Cancelled', name: 'Cancelled' };
      if (o.financialStatus === 'pending' || o.financialStatus === 'authorized' || o.financialStatus === 'partially_paid') return { id: 'Active', name: 'Active' };
      return o.fulfillmentStatus === 'fulfilled' ? { id: 'Shipped', name: 'Shipped' } : { id: 'completed', name: 'Completed' };
    },
  },
  etsy: {
    flavour: 'etsy',
    cartId: 'EtsyAPIv3',
    offsetMinutes: -300,
    timezone: '-05:00',
    storeName: (base) => base.replace(/[^A-Za-z0-9]/g, ''),
    storeUrl: (domain) => `https://www.etsy.com/shop/${domain.split('.')[0]}`,
    orderId: (o) => String(4_130_000_000 + o.number),
    internalId: (o) => String(4_130_000_000 + o.number),
    storeId: 9881820,
    subtotalNetOfDiscount: true,
    hidesEmail: false,
    keepsHistory: true,
    maxModifiedRangeDays: null,
    status(o) {
      switch (o.financialStatus) {
        case 'pending': return { id: 'Open', name: 'Open' };
        case 'authorized':
        case 'partially_paid': return { id: 'Payment Processing', name: 'Payment Processing' };
        case 'partially_refunded': return { id: 'Partially Refunded', name: 'Partially Refunded' };
        case 'refunded': return { id: 'Fully Refunded', name: 'Fully Refunded' };
        case 'voided': return { id: 'Canceled', name: 'Canceled' };
        default:
          if (o.cancelledAt !== null) return { id: 'Canceled', name: 'Canceled' };
          return o.fulfillmentStatus === 'fulfilled' ? { id: 'Completed', name: 'Completed' } : { id: 'Paid', name: 'Paid' };
      }
    },
  },
};

export function isFlavour(value: string): value is Api2CartFlavour {
  return (ALL_FLAVOURS as readonly string[]).includes(value);
}

