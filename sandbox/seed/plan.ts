/**
 * Planning the business before any amount is computed: which scenario each order plays, when it is
 * placed, who buys and what. Plans are sorted by creation time so order numbers, QBO Ids and
 * MetaData times all increase together, as they would in a real shop and a real company.
 */
import type { SeedAddress, SeedCustomer } from './types';
import type { Prng } from './prng';
import {
  DESTINATIONS, DISCOUNT_CODES, FIRST_NAMES, LAST_NAMES, RENAMED_CUSTOMER, STREETS, TEST_BUYER, VARIANTS,
  isForeign, isTaxed, type Destination, type DiscountCode, type Variant,
} from './catalogue';
import { SCENARIOS, SCENARIO_KINDS, minimumOrders, type ScenarioKind, type ScenarioSpec } from './scenarios';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time';

export interface Buyer {
  /** Lower-case email: how QBO customers are found. */
  key: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  address: SeedAddress;
  dest: Destination;
  /** Null for guest checkouts. */
  customer: SeedCustomer | null;
  renamed: boolean;
}

export interface Pick {
  variant: Variant;
  quantity: number;
}

export interface OrderPlan {
  kind: ScenarioKind;
  spec: ScenarioSpec;
  /** 'second' is the later twin of a repeat pair. */
  role: 'single' | 'first' | 'second';
  createdMs: number;
  buyer: Buyer;
  picks: Pick[];
  discount: DiscountCode | null;
  express: boolean;
  /** Whether the order must carry a paid shipping line (shipping refunds, shipping differences). */
  needsPaidShipping: boolean;
}

export interface BusinessPlan {
  plans: OrderPlan[];
  /** Orphans sit before plans[i] in number order (the number is used, the order no longer exists). */
  orphanBefore: number[];
  customers: Buyer[];
}

const ascii = (s: string): string => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();

function destinationWeights(): number[] {
  return DESTINATIONS.map((d) => d.weight);
}

function makeAddress(rng: Prng, first: string, last: string, dest: Destination, phone: string | null): SeedAddress {
  return {
    firstName: first,
    lastName: last,
    company: null,
    address1: `${rng.int(12, 9899)} ${rng.pick(STREETS)}`,
    address2: rng.chance(0.15) ? `Apt ${rng.int(1, 40)}` : null,
    city: dest.city,
    province: dest.province,
    provinceCode: dest.provinceCode,
    zip: rng.pick(dest.zips),
    country: dest.country,
    countryCode: dest.countryCode,
    phone,
  };
}

const AREA_CODES: Record<string, string> = {
  austin: '512', chicago: '312', naperville: '630', denver: '303', portland: '503', seattle: '206',
  brooklyn: '718', boston: '617', atlanta: '404', minneapolis: '612', sandiego: '619',
};

function usPhone(rng: Prng, d: Destination): string | null {
  if (isForeign(d)) return null;
  // 555-01xx numbers are reserved for fiction.
  return `+1${AREA_CODES[d.key] ?? '512'}55501${String(rng.int(0, 99)).padStart(2, '0')}`;
}

function makeBuyer(
  rng: Prng, index: number, registered: boolean, dest: Destination | null,
  name?: { first: string; last: string; email: string },
): Buyer {
  const d = dest ?? (DESTINATIONS[rng.weighted(destinationWeights())] as Destination);
  const first = name?.first ?? rng.pick(FIRST_NAMES);
  const last = name?.last ?? rng.pick(LAST_NAMES);
  const tld = ['com', 'net', 'org'][index % 3] as string;
  const email = name?.email ?? (registered
    ? `${ascii(first)}.${ascii(last)}${index}@example.${tld}`
    : `${ascii(first)}${ascii(last)}.guest${index}@example.${tld}`);
  const phone = usPhone(rng, d);
  return {
    key: email.toLowerCase(),
    email,
    firstName: first,
    lastName: last,
    phone,
    address: makeAddress(rng, first, last, d, phone),
    dest: d,
    customer: registered
      ? { id: String(7_203_118_000_000 + index * 7_919), email, firstName: first, lastName: last, phone }
      : null,
    renamed: false,
  };
}

function drawKinds(rng: Prng, orders: number): ScenarioKind[] {
  const kinds: ScenarioKind[] = [];
  let used = 0;
  if (orders >= minimumOrders()) {
    for (const k of SCENARIO_KINDS) {
      for (let i = 0; i < SCENARIOS[k].min; i++) kinds.push(k);
      used += SCENARIOS[k].min * SCENARIOS[k].orders;
    }
  }
  const weights = SCENARIO_KINDS.map((k) => SCENARIOS[k].weight);
  const singleWeights = SCENARIO_KINDS.map((k) => (SCENARIOS[k].orders === 1 ? SCENARIOS[k].weight : 0));
  while (used < orders) {
    const k = SCENARIO_KINDS[rng.weighted(orders - used >= 2 ? weights : singleWeights)] as ScenarioKind;
    kinds.push(k);
    used += SCENARIOS[k].orders;
  }
  return rng.shuffle(kinds);
}

function drawPicks(rng: Prng, plan: { kind: ScenarioKind; spec: ScenarioSpec }): Pick[] {
  const lineCount = 1 + rng.weighted([45, 30, 15, 10]);
  const picks: Pick[] = [];
  const seen = new Set<number>();
  while (picks.length < lineCount) {
    const i = rng.int(0, VARIANTS.length - 1);
    if (seen.has(i)) continue;
    seen.add(i);
    picks.push({ variant: VARIANTS[i] as Variant, quantity: 1 + rng.weighted([75, 18, 5, 2]) });
  }
  const needsShippable = plan.spec.refund === 'shipping_only' || plan.kind === 'differs_shipping';
  if (needsShippable && !picks.some((p) => p.variant.requiresShipping)) {
    picks[picks.length - 1] = { variant: VARIANTS[0] as Variant, quantity: 1 };
  }
  // A partial refund must leave something behind.
  if (plan.spec.refund === 'partial_line' && picks.length === 1 && (picks[0] as Pick).quantity === 1) {
    (picks[0] as Pick).quantity = 2;
  }
  return picks;
}

export function planBusiness(rng: Prng, orders: number, nowMs: number, days: number): BusinessPlan {
  const poolSize = Math.max(12, Math.round(orders * 0.35));
  const customers: Buyer[] = [];
  const renamed = makeBuyer(rng, 0, true, DESTINATIONS[0] as Destination, {
    first: RENAMED_CUSTOMER.firstName, last: RENAMED_CUSTOMER.lastName, email: RENAMED_CUSTOMER.email,
  });
  renamed.renamed = true;
  customers.push(renamed);
  for (let i = 1; i < poolSize; i++) customers.push(makeBuyer(rng, i, true, null));
  const owner = makeBuyer(rng, poolSize, true, DESTINATIONS[0] as Destination, {
    first: TEST_BUYER.firstName, last: TEST_BUYER.lastName, email: TEST_BUYER.email,
  });
  customers.push(owner);
  const taxedCustomers = customers.filter((c) => isTaxed(c.dest) && c !== owner);
  const foreignCustomers = customers.filter((c) => isForeign(c.dest));
  const foreignDests = DESTINATIONS.filter(isForeign);
  const taxedDests = DESTINATIONS.filter(isTaxed);
  let guestIndex = 0;
  const guest = (dest: Destination | null): Buyer => makeBuyer(rng, ++guestIndex, false, dest);
  // Repeat buyers: a squared uniform favours the first customers, giving a long tail.
  const registered = (): Buyer => {
    const n = poolSize - 1;
    return customers[1 + Math.min(n - 1, Math.floor(n * rng.next() ** 2))] as Buyer;
  };
  const regularOrRenamed = (): Buyer => (rng.chance(0.03) ? renamed : registered());

  const buyerFor = (spec: ScenarioSpec): Buyer => {
    switch (spec.buyer) {
      case 'renamed': return renamed;
      case 'owner': return owner;
      case 'registered': return regularOrRenamed();
      case 'foreign':
        return foreignCustomers.length > 0 && rng.chance(0.5) ? rng.pick(foreignCustomers) : guest(rng.pick(foreignDests));
      case 'taxed':
        return taxedCustomers.length > 0 && rng.chance(0.7) ? rng.pick(taxedCustomers) : guest(rng.pick(taxedDests));
      case 'any':
        return rng.chance(0.22) ? guest(null) : regularOrRenamed();
    }
  };

  const span = days * DAY_MS;
  const latest = nowMs - 20 * MINUTE_MS;
  const drafts: OrderPlan[] = [];
  const plan = (kind: ScenarioKind, spec: ScenarioSpec, role: OrderPlan['role'], createdMs: number, buyer: Buyer,
    picks: Pick[], discount: DiscountCode | null, express: boolean): OrderPlan =>
    ({ kind, spec, role, createdMs, buyer, picks, discount, express, needsPaidShipping: spec.refund === 'shipping_only' });
  for (const kind of drawKinds(rng, orders)) {
    const spec = SCENARIOS[kind];
    const buyer = buyerFor(spec);
    const express = rng.chance(0.12);
    const picks = drawPicks(rng, { kind, spec });
    let discount: DiscountCode | null = null;
    if (rng.chance(0.25)) {
      const code = rng.pick(DISCOUNT_CODES);
      if (!(code.type === 'shipping' && spec.refund === 'shipping_only')) discount = code;
    }
    if (spec.orders === 2) {
      // The twin comes 1–10 days later with the same cart: same amount, a different order.
      const first = nowMs - span + Math.floor(rng.next() * Math.max(span - 11 * DAY_MS, DAY_MS));
      const second = Math.min(latest, first + rng.int(1, 10) * DAY_MS + rng.int(0, 8) * HOUR_MS);
      drafts.push(plan(kind, spec, 'first', first, buyer, picks, discount, express));
      drafts.push(plan(kind, spec, 'second', second, buyer, picks.map((p) => ({ variant: p.variant, quantity: p.quantity })), discount, express));
    } else {
      const t = nowMs - span + Math.floor(rng.next() * (latest - (nowMs - span)));
      drafts.push(plan(kind, spec, 'single', t, buyer, picks, discount, express));
    }
  }
  // Sort by creation time through a typed key array: far cheaper than comparing objects at 200k.
  const times = new Float64Array(drafts.length);
  drafts.forEach((d, i) => { times[i] = d.createdMs; });
  const order = new Uint32Array(drafts.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  const plans: OrderPlan[] = Array.from(order, (i) => drafts[i] as OrderPlan);

  const orphanCount = orders >= 20 ? Math.max(2, Math.round(orders / 4000)) : 0;
  const orphanBefore: number[] = [];
  for (let i = 0; i < orphanCount; i++) orphanBefore.push(rng.int(1, plans.length - 1));
  orphanBefore.sort((a, b) => a - b);
  return { plans, orphanBefore, customers };
}
