/**
 * The seeded business: one PRNG drives the plan, the store orders and the books that partly record
 * them, and every order gets the reconciliation status Ledgerbridge must reach (see README.md).
 */
import type {
  ExpectedOrderStatus, ExpectedOrphan, GenerateBusinessOptions, QboEntityJson, SeedBusiness, SeedOrder,
} from './types';
import { mulberry32, type Prng } from './prng';
import { planBusiness, type OrderPlan } from './plan';
import { OrderBuilder, type IdCounters, type OrderFacts } from './orders';
import { Ledger, type Ref } from './ledger';
import {
  contentFromOrder, contentFromRefund, creditMemo, handEnteredContent, docNumberFor, invoice, payment, refundReceipt, salesReceipt,
  stampFor, totalOf, voidDocument, type DocContent, type DocHeader,
} from './qbo-docs';
import { SCENARIOS } from './scenarios';
import { STORE, VARIANTS, type Variant } from './catalogue';
import { applyPpm, qboAmount, rateToPpm } from './money';
import { DAY_MS, HOUR_MS, MINUTE_MS, addDays, localDate } from './time';
import { COMPANY_TIME_ZONE, newCompanyBooks } from './new-company';

export const DEMO_NOW = new Date('2026-11-20T12:00:00Z');
export const DEFAULT_REALM_ID = '9341453117294856';

type DocRef = ExpectedOrderStatus['qboDocs'][number];

const createdOf = (doc: QboEntityJson): number => Date.parse((doc.MetaData as { CreateTime: string }).CreateTime);

const money = (minor: number): string => `$${qboAmount(minor).toFixed(2)}`;

class Recorder {
  readonly expected: ExpectedOrderStatus[] = [];
  readonly orphans: ExpectedOrphan[] = [];
  /** Posted twin of each repeat pair, by buyer, so the later twin can name it. */
  private readonly pairFirst = new Map<string, string>();

  constructor(
    private readonly rng: Prng,
    private readonly ledger: Ledger,
    private readonly nowMs: number,
  ) {}

  private lastStamp = { orderId: '', stamp: '' };

  /** One stamp string per order, shared by all its documents. */
  private stamp(orderId: string): string {
    if (this.lastStamp.orderId !== orderId) this.lastStamp = { orderId, stamp: stampFor(orderId) };
    return this.lastStamp.stamp;
  }

  /** Entered after `docMs` (a payment or refund cannot precede the document it belongs to). */
  private after(ms: number, docMs: number): number {
    return Math.min(Math.max(ms, docMs + MINUTE_MS), this.nowMs - 1000);
  }

  /** When a document was entered: `minH`–`maxH` hours after `fromMs`, never after now. */
  private at(fromMs: number, minH: number, maxH: number): number {
    const t = fromMs + (minH + this.rng.next() * (maxH - minH)) * HOUR_MS;
    return Math.floor(Math.min(Math.max(t, fromMs), this.nowMs - MINUTE_MS) / 1000) * 1000;
  }

  private header(f: OrderFacts, createMs: number, mode: 'stamp' | 'docnumber' | 'none', txnDate?: string): DocHeader {
    const buyer = f.plan.buyer;
    return {
      customer: this.ledger.customer(buyer, createMs),
      txnDate: txnDate ?? localDate(Date.parse(f.order.processedAt), COMPANY_TIME_ZONE),
      createMs,
      docNumber: mode === 'none' ? null : docNumberFor(f.order.name),
      privateNote: mode === 'stamp' ? this.stamp(f.order.id) : null,
      email: f.order.email,
      billAddr: this.ledger.address(buyer.address),
      shipAddr: f.order.shippingAddress ? this.ledger.address(buyer.address) : null,
    };
  }

  private refundHeader(f: OrderFacts, k: number, createMs: number, customer: Ref): DocHeader {
    return {
      customer,
      txnDate: localDate(f.refunds[k - 1]?.ms ?? createMs, COMPANY_TIME_ZONE),
      createMs,
      docNumber: docNumberFor(f.order.name, `-R${k}`),
      privateNote: this.stamp(f.order.id),
      email: f.order.email,
      billAddr: this.ledger.address(f.plan.buyer.address),
      shipAddr: null,
    };
  }

  private paymentHeader(f: OrderFacts, ms: number, customer: Ref, stamped: boolean): DocHeader {
    return {
      customer, txnDate: localDate(ms, COMPANY_TIME_ZONE), createMs: this.at(ms, 1, 30), docNumber: null,
      privateNote: stamped ? this.stamp(f.order.id) : null, email: null, billAddr: null, shipAddr: null,
    };
  }

  private pm(f: OrderFacts): Ref | null {
    return this.ledger.paymentMethod(f.paymentMethod ?? (f.order.gateway === 'manual' ? 'Check' : null));
  }

  record(f: OrderFacts): void {
    const { plan, order } = f;
    const spec = plan.spec;
    const ledger = this.ledger;
    const orderMs = Date.parse(order.createdAt);
    const docs: DocRef[] = [];
    let status = spec.status;
    let scenario = spec.scenario;
    const paidMs = f.payments[f.payments.length - 1]?.ms ?? orderMs;
    const receipt = (mode: 'stamp' | 'docnumber', content = contentFromOrder(f, ledger), h?: DocHeader): QboEntityJson => {
      const doc = salesReceipt(ledger, content, h ?? this.header(f, this.at(paidMs, mode === 'stamp' ? 0.5 : 20, mode === 'stamp' ? 36 : 120), mode), this.pm(f));
      docs.push({ type: 'SalesReceipt', id: doc.Id });
      return doc;
    };
    const openInvoice = (): QboEntityJson => {
      const doc = invoice(ledger, contentFromOrder(f, ledger), this.header(f, this.at(orderMs, 0.5, 24), 'stamp'));
      docs.push({ type: 'Invoice', id: doc.Id });
      return doc;
    };
    const pay = (inv: QboEntityJson, idx: number): void => {
      const p = f.payments[idx] as { ms: number; amountMinor: number };
      const h = this.paymentHeader(f, p.ms, inv.CustomerRef as Ref, true);
      h.createMs = this.after(h.createMs, createdOf(inv));
      const doc = payment(ledger, inv, p.amountMinor, h, this.pm(f));
      docs.push({ type: 'Payment', id: doc.Id });
    };
    const refundDocs = (kind: 'RefundReceipt' | 'CreditMemo', sale: QboEntityJson): void => {
      f.refunds.forEach((r, i) => {
        const h = this.refundHeader(f, i + 1, this.after(this.at(r.ms, 1, 48), createdOf(sale)), sale.CustomerRef as Ref);
        const c = contentFromRefund(f, r, ledger);
        const doc = kind === 'RefundReceipt' ? refundReceipt(ledger, c, h, this.pm(f)) : creditMemo(ledger, c, h);
        docs.push({ type: kind, id: doc.Id });
      });
    };

    switch (plan.kind) {
      case 'receipt_stamped':
      case 'receipt_auth_capture':
      case 'receipt_renamed_customer':
      case 'presentment_in_sync':
      case 'refund_partial_missing':
      case 'refund_shipping_missing':
      case 'refund_full_missing':
      case 'cancelled_open_receipt':
        receipt('stamp');
        if (plan.kind === 'presentment_in_sync') scenario += ` (${order.presentmentCurrency} at ${order.presentmentRate})`;
        break;
      case 'receipt_docnumber':
        receipt('docnumber');
        break;
      case 'repeat_pair_posted':
      case 'repeat_pair_second_missing':
        if (plan.role === 'first' || plan.kind === 'repeat_pair_posted') {
          receipt('stamp');
          if (plan.role === 'first') this.pairFirst.set(`${plan.kind}:${plan.buyer.key}`, order.name);
          else scenario += `; twin of ${this.pairFirst.get(`${plan.kind}:${plan.buyer.key}`) ?? 'an earlier order'}`;
        } else {
          status = 'missing_in_qbo';
          scenario = `repeat order: same customer and amount as ${this.pairFirst.get(`${plan.kind}:${plan.buyer.key}`) ?? 'an earlier order'}, whose Sales Receipt is stamped for that order; this one is not posted and must not be merged`;
        }
        break;
      case 'invoice_paid_later': {
        const inv = openInvoice();
        pay(inv, 0);
        break;
      }
      case 'invoice_pending':
      case 'invoice_authorized':
      case 'cancelled_open_invoice':
      case 'unpaid_invoice_open':
        openInvoice();
        break;
      case 'invoice_partially_paid':
      case 'unpaid_partial_payment': {
        const inv = openInvoice();
        pay(inv, 0);
        break;
      }
      case 'refund_partial_recorded':
      case 'refund_shipping_recorded':
      case 'refund_full_recorded': {
        const sr = receipt('stamp');
        refundDocs('RefundReceipt', sr);
        break;
      }
      case 'refund_credit_memo': {
        const inv = openInvoice();
        pay(inv, 0);
        refundDocs('CreditMemo', inv);
        break;
      }
      case 'cancelled_voided_invoice': {
        const inv = openInvoice();
        voidDocument(inv, this.after(this.at(f.cancelMs ?? orderMs, 1, 48), createdOf(inv)));
        break;
      }
      case 'cancelled_voided_receipt': {
        const sr = receipt('stamp');
        voidDocument(sr, this.after(this.at(f.cancelMs ?? orderMs, 1, 48), createdOf(sr)));
        break;
      }
      case 'missing_paid':
      case 'missing_pending':
        break;
      case 'missing_test':
        break;
      case 'suggested_hand_entered': {
        const days = this.rng.int(1, 2);
        const txnDate = addDays(localDate(orderMs, COMPANY_TIME_ZONE), days);
        const h = this.header(f, this.at(orderMs + days * DAY_MS, 1, 30), 'none', txnDate);
        receipt('docnumber', handEnteredContent(f, ledger), h);
        scenario += ` (TxnDate ${txnDate}, ${days} day${days > 1 ? 's' : ''} after the order)`;
        break;
      }
      case 'differs_tax':
      case 'differs_shipping':
      case 'differs_line':
      case 'differs_customer':
      case 'differs_presentment': {
        const mode = this.rng.chance(0.6) ? 'stamp' : 'docnumber';
        const content = contentFromOrder(f, ledger);
        const h = this.header(f, this.at(paidMs, 1, 72), mode);
        scenario = this.makeDifference(plan, f, content, h) + (mode === 'stamp' ? '; stamped' : '; DocNumber only');
        receipt(mode, content, h);
        break;
      }
    }

    const e: ExpectedOrderStatus = { orderId: order.id, orderName: order.name, status, scenario, qboDocs: docs, kind: plan.kind };
    if (plan.kind === 'missing_test') e.decision = { action: 'ignore', reason: 'test order', status: 'ignored' };
    this.expected.push(e);
  }

  /** Edits the content (or header) so exactly one compared field differs; returns the scenario line. */
  private makeDifference(plan: OrderPlan, f: OrderFacts, c: DocContent, h: DocHeader): string {
    switch (plan.kind) {
      case 'differs_tax': {
        const storeTax = f.order.totalTaxMinor;
        const combined = f.dest.taxes.map((t) => rateToPpm(t.rate));
        const perOrder = combined.map((p) => applyPpm(c.taxableBaseMinor, p));
        const perOrderTotal = perOrder.reduce((a, b) => a + b, 0);
        if (c.taxByComponent.length > 0 && perOrderTotal !== storeTax) {
          c.taxByComponent = perOrder;
          return `tax differs by ${money(Math.abs(perOrderTotal - storeTax))}: QBO computed it on the order total (${money(perOrderTotal)}), the store per line (${money(storeTax)})`;
        }
        const stateOnly = applyPpm(c.taxableBaseMinor, combined[0] ?? 0);
        if (c.taxByComponent.length > 0 && stateOnly !== storeTax) {
          c.taxByComponent = c.taxByComponent.map((_, i) => (i === 0 ? stateOnly : 0));
          return `tax differs: QBO has only the state rate (${money(stateOnly)}), the store charged ${money(storeTax)}`;
        }
        if (c.taxByComponent.length > 0) c.taxByComponent[0] = (c.taxByComponent[0] ?? 0) + 1;
        else c.taxByComponent = [1];
        return `tax differs by $0.01: typed by hand as ${money(storeTax + 1)}, the store charged ${money(storeTax)}`;
      }
      case 'differs_shipping': {
        const ship = c.lines.find((l) => l.item.value === this.ledger.shippingItem.ref.value);
        if (ship) {
          const was = ship.amountMinor;
          ship.amountMinor = was + 300;
          ship.unitPrice = qboAmount(ship.amountMinor);
          return `shipping differs: QBO ${money(ship.amountMinor)}, the store ${money(was)}`;
        }
        const charged = f.shipping?.priceMinor || 695;
        c.lines.push({
          item: this.ledger.shippingItem.ref, income: this.ledger.shippingItem.income, description: 'Standard Shipping',
          quantity: 1, unitPrice: qboAmount(charged), amountMinor: charged, taxable: false,
        });
        return `shipping differs: QBO charges ${money(charged)} shipping, the store shipped free`;
      }
      case 'differs_line': {
        const line = c.lines[0] as DocContent['lines'][number];
        if (line.quantity >= 2) {
          const was = line.quantity;
          line.quantity = was - 1;
          line.amountMinor = Math.round(line.unitPrice * 100) * line.quantity;
          return `line 1 quantity differs: QBO ${line.quantity}, the store ${was}`;
        }
        const wasPrice = Math.round(line.unitPrice * 100);
        const newPrice = wasPrice + 250;
        line.unitPrice = qboAmount(newPrice);
        line.amountMinor = newPrice * line.quantity;
        return `line 1 unit price differs: QBO ${money(newPrice)} (the old price), the store ${money(wasPrice)}`;
      }
      case 'differs_customer': {
        const right = h.customer;
        if (this.ledger.customerCount() < 2) {
          // Make sure someone else exists to be picked by mistake.
          this.ledger.customer({ ...f.plan.buyer, key: `${f.plan.buyer.key}.other`, email: `other.${f.plan.buyer.email}`,
            firstName: 'Sam', lastName: 'Other', renamed: false }, h.createMs);
        }
        h.customer = this.ledger.anotherCustomer(right.value, (n) => this.rng.int(0, n - 1), h.createMs);
        return `customer differs: posted to "${h.customer.name ?? h.customer.value}" instead of "${right.name ?? right.value}"`;
      }
      case 'differs_presentment': {
        const ppm = rateToPpm(f.order.presentmentRate);
        for (const l of c.lines) {
          const unit = applyPpm(Math.round(l.unitPrice * 100), ppm);
          l.unitPrice = qboAmount(unit);
          l.amountMinor = unit * l.quantity;
        }
        c.discountMinor = applyPpm(c.discountMinor, ppm);
        c.taxByComponent = c.taxByComponent.map((t) => applyPpm(t, ppm));
        const t = totalOf(c);
        return `amounts differ: QBO has the ${f.order.presentmentCurrency} amounts typed as USD (${money(t.total)} vs ${money(f.order.totalMinor)})`;
      }
      default:
        return plan.spec.scenario;
    }
  }

  /** A document for an order that no longer exists in the store (deleted after posting). */
  recordOrphan(f: OrderFacts, stamped: boolean): void {
    const orderMs = Date.parse(f.order.createdAt);
    const h = this.header(f, this.at(orderMs, 1, 24), stamped ? 'stamp' : 'docnumber');
    if (stamped) {
      const doc = salesReceipt(this.ledger, contentFromOrder(f, this.ledger), h, this.pm(f));
      this.orphans.push({ type: 'SalesReceipt', id: doc.Id, scenario: `stamped for order ${f.order.name} (id ${f.order.id}), which was deleted from the store` });
    } else {
      const doc = invoice(this.ledger, contentFromOrder(f, this.ledger), h);
      this.orphans.push({ type: 'Invoice', id: doc.Id, scenario: `numbered like the store (${f.order.name}, no stamp); no such order exists` });
    }
  }
}

function ghostCart(rng: Prng): OrderPlan['picks'] {
  const a = rng.int(0, VARIANTS.length - 1);
  const b = (a + rng.int(1, VARIANTS.length - 1)) % VARIANTS.length;
  return [{ variant: VARIANTS[a] as Variant, quantity: rng.int(1, 3) }, { variant: VARIANTS[b] as Variant, quantity: 1 }];
}

export function generateBusiness(opts: GenerateBusinessOptions = {}): SeedBusiness {
  const seed = opts.seed ?? 1;
  const orderCount = opts.orders ?? 120;
  const realmId = opts.realmId ?? DEFAULT_REALM_ID;
  const nowMs = (opts.now ?? DEMO_NOW).getTime();
  const days = opts.days ?? 120;
  const prefix = opts.namePrefix ?? '#';
  const suffix = opts.nameSuffix ?? '';
  let number = opts.firstNumber ?? 1001;

  const rng = mulberry32(seed);
  const { plans, orphanBefore } = planBusiness(rng, orderCount, nowMs, days);
  const firstMs = plans[0]?.createdMs ?? nowMs - days * DAY_MS;
  const ledger = new Ledger(realmId, firstMs - 40 * DAY_MS, firstMs - 3 * DAY_MS);
  const counters: IdCounters = { line: 1, shippingLine: 1, transaction: 1, refund: 1 };
  const builder = new OrderBuilder(rng, nowMs, counters);
  const recorder = new Recorder(rng, ledger, nowMs);
  const orders: SeedOrder[] = [];

  const identity = (): { id: string; number: number; name: string } => {
    const n = number++;
    return { id: String(5_912_000_000_000 + n * 1_000 + rng.int(0, 999)), number: n, name: `${prefix}${n}${suffix}` };
  };

  let orphanIdx = 0;
  plans.forEach((plan, i) => {
    while (orphanBefore[orphanIdx] === i) {
      // The deleted order sat between its neighbours in time and number.
      const prev = plans[i - 1] as OrderPlan;
      // Its own cart, so its amount does not shadow a neighbour's and invite a false fuzzy match.
      const ghost: OrderPlan = { kind: 'receipt_stamped', spec: SCENARIOS.receipt_stamped, role: 'single',
        createdMs: Math.floor((prev.createdMs + plan.createdMs) / 2), buyer: prev.buyer, discount: null, express: false,
        needsPaidShipping: false,
        picks: ghostCart(rng) };
      recorder.recordOrphan(builder.build(ghost, identity()), orphanIdx % 2 === 0);
      orphanIdx++;
    }
    const facts = builder.build(plan, identity());
    orders.push(facts.order);
    recorder.record(facts);
  });

  return {
    store: { domain: STORE.domain, name: STORE.name, currency: STORE.currency, timeZone: STORE.timeZone, orders },
    books: ledger.finish(),
    expected: recorder.expected,
    orphans: recorder.orphans,
  };
}

/** The demo: seed 1, 120 orders over the 120 days before 2026-11-20T12:00:00Z. */
export function demoBusiness(): SeedBusiness {
  return generateBusiness({ seed: 1, orders: 120, now: DEMO_NOW });
}

/** `--seed empty`: a brand-new QBO company and a store with no orders yet. */
export function emptyBusiness(opts: { realmId?: string; now?: Date } = {}): SeedBusiness {
  const realmId = opts.realmId ?? DEFAULT_REALM_ID;
  return {
    store: { domain: STORE.domain, name: STORE.name, currency: STORE.currency, timeZone: STORE.timeZone, orders: [] },
    books: newCompanyBooks(realmId, opts.now ? { now: opts.now } : {}),
    expected: [],
    orphans: [],
  };
}
