/**
 * The fuzzy pass's score of one order against one document, with the parts kept as reasons
 * (GnuCash's importer does the same: a match is shown with why it was proposed). Points are
 * integers out of 1000 so equal evidence always gives equal scores, whatever the platform.
 *
 *   amount   350  equal; 300 within the rounding tolerance; less, linearly, up to 5 % apart
 *   date     250  same day, halved per day apart (125, 62, 31 …), nothing past the window
 *   customer 250  same email; 150 same name
 *   products 150  × share of the order's products found on the document
 *
 * With the default thresholds (auto-link 0.9, review 0.5) only a same-day document with the same
 * amount, customer and products is linked without asking; one a day later is suggested.
 * The points are computed first and the reason texts only for pairs worth keeping.
 */
import { formatMinor } from '../orders/money';
import { customerEmail, customerNames, sameProduct, type DocFacts, type OrderFacts } from './facts';
import type { CustomerInput } from './types';

export const WINDOW_DAYS = 7;

export interface Score {
  points: number;
  reasons: string[];
}

interface Parts {
  amountPoints: number;
  gap: number;
  days: number;
  customer: 'email' | 'name' | 'none';
  found: number;
  wanted: number;
  points: number;
}

function amountPart(orderTotal: number, docTotal: number, tolerance: number): number {
  const gap = Math.abs(orderTotal - docTotal);
  if (gap === 0) return 350;
  if (gap <= tolerance) return 300;
  const base = Math.max(Math.abs(orderTotal), Math.abs(docTotal));
  // Integer arithmetic: permille apart, then a linear share of 175 points up to 50 ‰.
  const permille = Math.floor((gap * 1000) / base);
  return permille >= 50 ? 0 : Math.floor((175 * (50 - permille)) / 50);
}

function parts(o: OrderFacts, d: DocFacts, customer: CustomerInput | undefined, tolerance: number, floor = 0): Parts {
  const gap = Math.abs(o.order.total - d.input.total);
  const amountPoints = amountPart(o.order.total, d.input.total, tolerance);
  const days = Math.abs(o.day - d.day);
  let points = amountPoints + (days > WINDOW_DAYS ? 0 : 250 >> days);
  const email = customerEmail(customer);
  let who: Parts['customer'] = 'none';
  if (o.email !== null && email !== null && o.email === email) who = 'email';
  else if (o.name !== null && customerNames(customer).includes(o.name)) who = 'name';
  points += who === 'email' ? 250 : who === 'name' ? 150 : 0;
  const wanted = o.products.length;
  let found = 0;
  // Even every product on the document could not lift it to `floor`: skip the product walk.
  if (days > WINDOW_DAYS || points + 150 < floor) return { amountPoints, gap, days, customer: who, found, wanted, points: days > WINDOW_DAYS ? 0 : points };
  if (wanted > 0) {
    const used: boolean[] = [];
    for (const p of o.products) {
      for (let i = 0; i < d.products.length; i++) {
        if (!used[i] && sameProduct(p, d.products[i]!)) {
          used[i] = true;
          found++;
          break;
        }
      }
    }
    points += Math.floor((150 * found) / Math.max(wanted, d.products.length));
  }
  if (days > WINDOW_DAYS) points = 0;
  return { amountPoints, gap, days, customer: who, found, wanted, points };
}

/** Points only, exact when they reach `floor` (below it, some number below it): what the candidate filter needs. */
export function scorePoints(o: OrderFacts, d: DocFacts, customer: CustomerInput | undefined, tolerance: number, floor = 0): number {
  return parts(o, d, customer, tolerance, floor).points;
}

export function score(o: OrderFacts, d: DocFacts, customer: CustomerInput | undefined, tolerance: number): Score {
  const p = parts(o, d, customer, tolerance);
  const currency = o.order.currency;
  const reasons = [
    p.gap === 0 ? 'amount equal' : p.gap <= tolerance ? `amount within ${formatMinor(p.gap, currency)} (rounding tolerance)` : `amount differs by ${formatMinor(p.gap, currency)}`,
    p.days === 0 ? 'same day' : `${p.days} day${p.days === 1 ? '' : 's'} apart`,
  ];
  if (p.days > WINDOW_DAYS) return { points: 0, reasons };
  reasons.push(p.customer === 'email' ? 'same email' : p.customer === 'name' ? 'same name' : 'different customer');
  if (p.wanted > 0) reasons.push(`${p.found} of ${p.wanted} SKU${p.wanted === 1 ? '' : 's'}`);
  return { points: p.points, reasons };
}
