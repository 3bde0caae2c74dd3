/**
 * The engine's input for a full run, built from the parts readMirror() yields (read on this thread
 * or handed over by the reader thread): orders and documents go straight into the engine's facts,
 * chunk by chunk, with no whole order, line objects or money rows in between.
 */
import { DocLineSums, makeDocFacts, makeOrderFacts, productLine, type DocFacts, type ItemIndex, type OrderFacts, type ProductLine } from '../facts';
import type { LocalDates } from '../local-date';
import { interner } from '../load';
import { docKeyOf, orderKeyOf, type CustomerInput, type ReconcileInput, type SalesDocType } from '../types';
import type { CustomerRow, DocChunkRow, MirrorPart, OrderChunkRow } from './parts';

export interface FullInput extends ReconcileInput {
  /** The last mirror change this snapshot holds: a catch-up follows the log from here. */
  seq: number;
}

export function* orderFactsOf(chunks: Iterable<string>, dates: LocalDates): Generator<OrderFacts> {
  const one = interner();
  for (const json of chunks) {
    for (const r of JSON.parse(json) as OrderChunkRow[]) {
      const lines = r[15];
      const products = new Array<ProductLine>(lines.length);
      let discount = 0;
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i]!;
        products[i] = productLine(one(l[0]), one(l[1]) ?? '', l[2], l[3]);
        discount += l[4];
      }
      const storeId = one(r[0])!;
      yield makeOrderFacts({
        key: orderKeyOf(storeId, r[1]), storeId, sourceId: r[1], contentHash: r[2], source: one(r[3])!, number: r[4], soldAt: r[5], currency: one(r[6])!,
        total: r[7], totalTax: r[8], cancelled: r[9] === 1, email: r[10], name: r[11], products, discount, shipping: r[12], refunded: r[13], paid: r[14],
      }, dates);
    }
  }
}

export function* docFactsOf(chunks: Iterable<string>, items: ItemIndex): Generator<DocFacts> {
  const one = interner();
  for (const json of chunks) {
    for (const r of JSON.parse(json) as DocChunkRow[]) {
      const type = one(r[0]) as SalesDocType;
      const currency = one(r[6])!;
      const sums = new DocLineSums(items, currency);
      for (const l of r[12]) sums.add(l[0] === 1 ? 'DiscountLineDetail' : 'SalesItemLineDetail', l[1], l[2], l[3], l[4], l[5]);
      yield makeDocFacts({
        key: docKeyOf(type, r[1]), type, id: r[1], syncToken: r[2], docNumber: r[3], txnDate: one(r[4])!, customerId: r[5],
        currency, total: r[7], balance: r[8], totalTax: r[9], stamp: r[10], voided: r[11] === 1,
      }, sums);
    }
  }
}

const customersOf = (json: string): CustomerInput[] =>
  (JSON.parse(json) as CustomerRow[]).map((r) => ({ id: r[0], displayName: r[1], givenName: r[2], familyName: r[3], email: r[4], active: r[5] === 1 }));

/**
 * The input over a stream of parts, consumed as the engine reads it: orders, documents, then
 * customers. `next` gives the parts in readMirror()'s order; each is read once.
 */
export function fullInput(next: () => MirrorPart): FullInput {
  const head = next();
  if (head.part !== 'head') throw new Error(`reading the mirror: expected its head first, got ${head.part}`);
  let pending: MirrorPart | null = null;
  const take = (): MirrorPart => {
    const part = pending ?? next();
    pending = null;
    return part;
  };
  function* section(kind: 'orders' | 'docs'): Generator<string> {
    for (let part = take(); ; part = take()) {
      if (part.part === kind) yield part.json;
      else if (kind === 'docs' && part.part === 'orders') throw new Error('reading the mirror: the documents were asked for before the orders');
      else {
        pending = part;
        return;
      }
    }
  }
  return {
    seq: head.seq,
    payments: head.payments,
    items: head.items,
    decisions: head.decisions,
    orders: (dates) => orderFactsOf(section('orders'), dates),
    docs: (items) => docFactsOf(section('docs'), items),
    customers: () => {
      const part = take();
      if (part.part !== 'customers') throw new Error(`reading the mirror: expected its customers after the documents, got ${part.part}`);
      return customersOf(part.json);
    },
  };
}
