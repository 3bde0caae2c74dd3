/**
 * The fixed facts of the seeded store "Harbor Goods Co.": what it sells, where its buyers live and
 * which sales tax applies there, its discount codes and shipping rates. The generator draws from
 * these with its PRNG; nothing here is random.
 */

export const STORE = {
  name: 'Harbor Goods Co.',
  legalName: 'Harbor Goods LLC',
  domain: 'harbor-goods.myshopify.com',
  currency: 'USD',
  timeZone: 'America/Chicago',
  ownerEmail: 'dana@harbor-goods.example.com',
} as const;

export interface Variant {
  productId: string;
  variantId: string;
  sku: string | null;
  title: string;
  variantTitle: string | null;
  priceMinor: number;
  taxable: boolean;
  requiresShipping: boolean;
  /** QBO item type the bookkeeper chose for it. */
  itemType: 'NonInventory' | 'Service';
}

type ProductRow = readonly [
  title: string,
  variants: ReadonlyArray<readonly [variantTitle: string | null, sku: string | null, priceMinor: number]>,
  flags?: { taxable?: boolean; shipping?: boolean; service?: boolean },
];

/** 25 products; four have variants, three have no SKU (services and a "seconds" item). */
const PRODUCTS: readonly ProductRow[] = [
  ['Sea Glass Tumbler', [['Aqua', 'HG-TUM-AQ', 1800], ['Smoke', 'HG-TUM-SM', 1800]]],
  ['Driftwood Serving Board', [['Small', 'HG-BRD-S', 3400], ['Large', 'HG-BRD-L', 5200]]],
  ['Linen Tea Towel Set', [[null, 'HG-TT-LIN', 2450]]],
  ['Rope Basket', [['Medium', 'HG-BSK-M', 3900], ['Large', 'HG-BSK-L', 5800]]],
  ['Brass Ship Bell', [[null, 'HG-BELL', 6400]]],
  ['Nautical Chart Print', [['11x14', 'HG-PRT-1114', 2900], ['18x24', 'HG-PRT-1824', 4600], ['24x36', 'HG-PRT-2436', 7400]]],
  ['Harbor Candle - Cedar & Salt', [[null, 'HG-CND-CS', 2200]]],
  ['Harbor Candle - Fig & Fog', [[null, 'HG-CND-FF', 2200]]],
  ['Stoneware Mug', [[null, 'HG-MUG-01', 1650]]],
  ['Enamel Camp Plate', [[null, 'HG-PLT-EN', 1275]]],
  ['Canvas Tote', [[null, 'HG-TOTE', 2700]]],
  ['Wool Throw Blanket', [[null, 'HG-THR-W', 8900]]],
  ['Beeswax Wraps (3-pack)', [[null, 'HG-BWX-3', 1499]]],
  ['Sailcloth Pouch', [[null, 'HG-PCH', 1995]]],
  ['Ceramic Oyster Dish', [[null, 'HG-OYS', 1149]]],
  ['Copper Measuring Cups', [[null, 'HG-CUP-CU', 4400]]],
  ['Salt Cellar with Spoon', [[null, 'HG-SLT', 2600]]],
  ['Lighthouse Bookends', [[null, 'HG-BKE', 7200]]],
  ['Hand-dyed Napkins (set of 4)', [[null, 'HG-NAP-4', 3300]]],
  ['Marine Rope Doorstop', [[null, 'HG-DOOR', 3150]]],
  ['Coastal Kitchen Cookbook', [[null, 'HG-BOOK-CK', 2795]]],
  ['Digital Recipe Cards', [[null, 'HG-DIG-RC', 999]], { taxable: false, shipping: false }],
  ['Gift Wrapping', [[null, null, 500]], { service: true }],
  ['Custom Engraving', [[null, null, 1200]], { service: true, shipping: false }],
  ['Seconds Mug (imperfect)', [[null, null, 800]]],
];

export const VARIANTS: readonly Variant[] = (() => {
  const out: Variant[] = [];
  PRODUCTS.forEach(([title, variants, flags], p) => {
    variants.forEach(([variantTitle, sku, priceMinor], v) => {
      out.push({
        productId: String(8_412_306_000_000 + p * 1_117),
        variantId: String(45_108_220_000_000 + p * 10_007 + v * 13),
        sku,
        title,
        variantTitle,
        priceMinor,
        taxable: flags?.taxable ?? true,
        requiresShipping: flags?.shipping ?? true,
        itemType: flags?.service ? 'Service' : 'NonInventory',
      });
    });
  });
  return out;
})();

/** The QBO item name the bookkeeper gave a variant (unique, ≤ 100 chars). */
export function itemName(v: Variant): string {
  return v.variantTitle ? `${v.title} - ${v.variantTitle}` : v.title;
}

export interface TaxComponent {
  title: string;
  rate: string;
}

export interface Destination {
  key: string;
  city: string;
  province: string;
  provinceCode: string;
  zips: readonly string[];
  country: string;
  countryCode: string;
  /** Empty when the store has no nexus there. */
  taxes: readonly TaxComponent[];
  taxShipping: boolean;
  /** Customer's currency at checkout; the shop currency stays USD. */
  presentmentCurrency: string;
  presentmentRate: string;
  weight: number;
}

const TX = { title: 'Texas State Tax', rate: '0.0625' };
const IL = { title: 'Illinois State Tax', rate: '0.0625' };

export const DESTINATIONS: readonly Destination[] = [
  { key: 'austin', city: 'Austin', province: 'Texas', provinceCode: 'TX', zips: ['78701', '78704', '78745', '78751', '78757'], country: 'United States', countryCode: 'US',
    taxes: [TX, { title: 'Austin City Tax', rate: '0.01' }, { title: 'Austin MTA Transit Tax', rate: '0.01' }], taxShipping: true, presentmentCurrency: 'USD', presentmentRate: '1.0', weight: 30 },
  { key: 'chicago', city: 'Chicago', province: 'Illinois', provinceCode: 'IL', zips: ['60614', '60622', '60647', '60657'], country: 'United States', countryCode: 'US',
    taxes: [IL, { title: 'Cook County Tax', rate: '0.0175' }, { title: 'Chicago City Tax', rate: '0.0125' }, { title: 'Chicago RTA Tax', rate: '0.01' }], taxShipping: false, presentmentCurrency: 'USD', presentmentRate: '1.0', weight: 10 },
  { key: 'naperville', city: 'Naperville', province: 'Illinois', provinceCode: 'IL', zips: ['60540', '60563', '60565'], country: 'United States', countryCode: 'US',
    taxes: [IL, { title: 'Naperville Local Tax', rate: '0.015' }], taxShipping: false, presentmentCurrency: 'USD', presentmentRate: '1.0', weight: 5 },
  { key: 'denver', city: 'Denver', province: 'Colorado', provinceCode: 'CO', zips: ['80205', '80218'], country: 'United States', countryCode: 'US', taxes: [], taxShipping: false, presentmentCurrency: 'USD', presentmentRate: '1.0', weight: 6 },
  { key: 'portland', city: 'Portland', province: 'Oregon', provinceCode: 'OR', zips: ['97202', '97214'], country: 'United States', countryCode: 'US', taxes: [], taxShipping: false, presentmentCurrency: 'USD', presentmentRate: '1.0', weight: 6 },
  { key: 'seattle', city: 'Seattle', province: 'Washington', provinceCode: 'WA', zips: ['98103', '98122'], country: 'United States', countryCode: 'US', taxes: [], taxShipping: false, presentmentCurrency: 'USD', presentmentRate: '1.0', weight: 6 },
  { key: 'brooklyn', city: 'Brooklyn', province: 'New York', provinceCode: 'NY', zips: ['11215', '11238'], country: 'United States', countryCode: 'US', taxes: [], taxShipping: false, presentmentCurrency: 'USD', presentmentRate: '1.0', weight: 7 },
  { key: 'boston', city: 'Boston', province: 'Massachusetts', provinceCode: 'MA', zips: ['02116', '02130'], country: 'United States', countryCode: 'US', taxes: [], taxShipping: false, presentmentCurrency: 'USD', presentmentRate: '1.0', weight: 5 },
  { key: 'atlanta', city: 'Atlanta', province: 'Georgia', provinceCode: 'GA', zips: ['30306', '30312'], country: 'United States', countryCode: 'US', taxes: [], taxShipping: false, presentmentCurrency: 'USD', presentmentRate: '1.0', weight: 5 },
  { key: 'minneapolis', city: 'Minneapolis', province: 'Minnesota', provinceCode: 'MN', zips: ['55405', '55408'], country: 'United States', countryCode: 'US', taxes: [], taxShipping: false, presentmentCurrency: 'USD', presentmentRate: '1.0', weight: 4 },
  { key: 'sandiego', city: 'San Diego', province: 'California', provinceCode: 'CA', zips: ['92103', '92107'], country: 'United States', countryCode: 'US', taxes: [], taxShipping: false, presentmentCurrency: 'USD', presentmentRate: '1.0', weight: 5 },
  { key: 'toronto', city: 'Toronto', province: 'Ontario', provinceCode: 'ON', zips: ['M5V 2T6', 'M4L 1J3'], country: 'Canada', countryCode: 'CA', taxes: [], taxShipping: false, presentmentCurrency: 'CAD', presentmentRate: '1.3912', weight: 4 },
  { key: 'vancouver', city: 'Vancouver', province: 'British Columbia', provinceCode: 'BC', zips: ['V6B 1A1', 'V5L 3X9'], country: 'Canada', countryCode: 'CA', taxes: [], taxShipping: false, presentmentCurrency: 'CAD', presentmentRate: '1.3912', weight: 2 },
  { key: 'dublin', city: 'Dublin', province: 'Dublin', provinceCode: 'D', zips: ['D02 X285', 'D08 N9C4'], country: 'Ireland', countryCode: 'IE', taxes: [], taxShipping: false, presentmentCurrency: 'EUR', presentmentRate: '0.9234', weight: 2 },
  { key: 'berlin', city: 'Berlin', province: 'Berlin', provinceCode: 'BE', zips: ['10115', '10999'], country: 'Germany', countryCode: 'DE', taxes: [], taxShipping: false, presentmentCurrency: 'EUR', presentmentRate: '0.9234', weight: 2 },
];

export const isForeign = (d: Destination): boolean => d.countryCode !== 'US';
export const isTaxed = (d: Destination): boolean => d.taxes.length > 0;

export interface DiscountCode {
  code: string;
  type: 'fixed_amount' | 'percentage' | 'shipping';
  /** Whole percent for percentage codes, minor units for fixed ones. */
  value: number;
}

export const DISCOUNT_CODES: readonly DiscountCode[] = [
  { code: 'WELCOME10', type: 'percentage', value: 10 },
  { code: 'HARBOR15', type: 'percentage', value: 15 },
  { code: 'SAVE5', type: 'fixed_amount', value: 500 },
  { code: 'FREESHIP', type: 'shipping', value: 0 },
];

export interface ShippingMethod {
  title: string;
  code: string;
  priceMinor: number;
}

export const SHIPPING = {
  standard: { title: 'Standard Shipping', code: 'standard', priceMinor: 695 },
  freeOver: 7500,
  free: { title: 'Free Standard Shipping', code: 'free-standard', priceMinor: 0 },
  express: { title: 'Express Shipping', code: 'express', priceMinor: 1850 },
  international: { title: 'International Shipping', code: 'international', priceMinor: 2495 },
} as const;

export const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'Mateo', 'Isabella', 'Lucas', 'Mia', 'Levi',
  'Amelia', 'Ezra', 'Harper', 'Asher', 'Evelyn', 'Leo', 'Abigail', 'Luca', 'Emily', 'Hudson', 'Ella', 'Miles',
  'Grace', 'Kai', 'Chloe', 'Jonah', 'Nora', 'Theo', 'Hazel', 'Rowan', 'Aaliyah', 'Diego', 'Priya', 'Wei',
  'Fatima', 'Kenji', 'Sofia', 'Tomas', 'Ingrid', 'Malik', 'Rosa', 'Arjun', 'Yuki', 'Carmen', 'Declan', 'Leila',
] as const;

export const LAST_NAMES = [
  'Nguyen', 'Garcia', 'Smith', 'Johnson', 'Okafor', 'Patel', 'Kim', 'Rivera', 'Chen', 'Brown', 'Müller', 'Davis',
  'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark',
  'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Hill', 'Flores', 'Green',
  'Adams', 'Nelson', 'Baker', 'Hall', 'Campbell', "O'Brien", 'Sato', 'Kowalski', 'Haddad', 'Svensson', 'Murphy', 'Reyes',
] as const;

export const STREETS = [
  'Maple Ave', 'Harbor St', 'Oak Dr', 'Lakeview Rd', 'Cedar Ln', 'Elm St', 'Willow Way', 'Pine St', 'Bayside Blvd',
  'River Rd', 'Hillcrest Ave', 'Park Pl', 'Sunset Dr', 'Mill St', 'Grove Ave', 'Chestnut St',
] as const;

/** The repeat customer whose QBO name the bookkeeper wrote differently from the store's. */
export const RENAMED_CUSTOMER = {
  firstName: 'Margaret',
  lastName: 'Holloway',
  email: 'margaret.holloway@example.net',
  qboDisplayName: 'Holloway Interiors (Maggie)',
  qboCompanyName: 'Holloway Interiors',
} as const;

/** The owner places test orders through the Bogus Gateway. */
export const TEST_BUYER = { firstName: 'Dana', lastName: 'Whitfield', email: STORE.ownerEmail } as const;
