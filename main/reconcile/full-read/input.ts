/**
 * The engine's input for a full run, built from the parts readMirror() yields (read on this thread
 * or handed over by the reader thread): orders and documents go straight into the engine's facts,
 * chunk by chunk, with no whole order, line objects or money rows in between.
 */
import { DocLineSums, makeDocFacts, makeOrderFacts, productLine, ProductLines, type DocFacts, type ItemIndex, type OrderFacts, type ProductLine } from '../facts';
import type { LocalDates } from '../local-date';
import { interner } from '../load';
import type { CustomerInput, PaymentInput, ReconcileInput, SalesDocType } from '../types';
import type { Chunk, CustomerRow, DocChunkLine, DocChunkRow, MirrorPart, OrderChunkLine, OrderChunkRow } from './parts';

export interface FullInput extends ReconcileInput {
  /** The last mirror change this snapshot holds: a catch-up follows the log from here. */
  seq: number;
}

export function* orderFactsOf(chunks: Iterable<string>, dates: LocalDates): Generator<OrderFacts> {
  const one = interner();
  const shared = new ProductLines();
  for (const json of chunks) {
    const [rows, lines] = JSON.parse(json) as Chunk<OrderChunkRow, OrderChunkLine>;
    let at = 0;
    for (const r of rows) {
      const products: ProductLine[] = [];
      let discount = 0;
      // Lines come in the rows' order, each led by its row's id.
      for (; at < lines.length && lines[at]![0] === r[0]; at++) {
        const l = lines[at]!;
        products.push(productLine(l[1], l[2] ?? '', l[3], l[4], shared));
        discount += l[5];
      }
      const storeId = one(r[1])!;
      yield makeOrderFacts({
        key: r[16], stampKey: r[17], storeId, sourceId: r[2], contentHash: r[3], source: one(r[4])!, number: r[5], soldAt: r[6], currency: one(r[7])!,
        total: r[8], totalTax: r[9], cancelled: r[10] === 1, email: r[11], name: r[12], products, discount, shipping: r[13], refunded: r[14], paid: r[15],
      }, dates);
    }
  }
}

export function* docFactsOf(chunks: Iterable<string>, items: ItemIndex): Generator<DocFacts> {
  const one = interner();
  const shared = new ProductLines();
  for (const json of chunks) {
    const [rows, lines] = JSON.parse(json) as Chunk<DocChunkRow, DocChunkLine>;
    let at = 0;
    for (const r of rows) {
      const type = one(r[1]) as SalesDocType;
      const currency = one(r[7])!;
      const sums = new DocLineSums(items, currency, shared);
      for (; at < lines.length && lines[at]![0] === r[0]; at++) {
        const l = lines[at]!;
        sums.add(l[1] === 1 ? 'DiscountLineDetail' : 'SalesItemLineDetail', l[2], l[3], l[4], l[5], l[6]);
      }
      yield makeDocFacts({
        key: r[13], type, id: r[2], syncToken: r[3], docNumber: r[4], txnDate: one(r[5])!, customerId: r[6],
        currency, total: r[8], balance: r[9], totalTax: r[10], stamp: r[11], voided: r[12] === 1,
      }, sums);
    }
  }
}

const customersOf = (json: string): CustomerInput[] =>
  (JSON.parse(json) as CustomerRow[]).map((r) => ({ id: r[0], displayName: r[1], givenName: r[2], familyName: r[3], email: r[4], active: r[5] === 1 }));

/**
 * The input over a stream of parts, consumed as the engine reads it: orders, documents,
 * payments, then customers. `next` gives the parts in readMirror()'s order, where the payments
 * and customers come between the orders and the documents; each is read once.
 */
export function fullInput(next: () => MirrorPart): FullInput {
  const head = next();
  if (head.part !== 'head') throw new Error(`reading the mirror: expected its head first, got ${head.part}`);
  let pending: MirrorPart | null = null;
  const held: { payments?: PaymentInput[]; customers?: string } = {};
  const take = (): MirrorPart => {
    const part = pending ?? next();
    pending = null;
    return part;
  };
  /** Keeps the payments or customers for later; false for any other part. */
  const hold = (part: MirrorPart): boolean => {
    if (part.part === 'payments') held.payments = part.payments;
    else if (part.part === 'customers') held.customers = part.json;
    else return false;
    return true;
  };
  function* section(kind: 'orders' | 'docs'): Generator<string> {
    for (let part = take(); ; part = take()) {
      if (part.part === kind) yield part.json;
      else if (kind === 'docs' && part.part === 'orders') throw new Error('reading the mirror: the documents were asked for before the orders');
      else if (!hold(part)) {
        pending = part;
        return;
      }
    }
  }
  /** The payments or customers, held since they came or taken now. */
  function later<K extends keyof typeof held>(kind: K): NonNullable<(typeof held)[K]> {
    for (;;) {
      const found = held[kind];
      if (found !== undefined) return found;
      const part = take();
      if (!hold(part)) throw new Error(`reading the mirror: expected its ${kind}, got ${part.part}`);
    }
  }
  return {
    seq: head.seq,
    items: head.items,
    decisions: head.decisions,
    orders: (dates) => orderFactsOf(section('orders'), dates),
    docs: (items) => docFactsOf(section('docs'), items),
    payments: () => later('payments'),
    customers: () => customersOf(later('customers')),
  };
}
