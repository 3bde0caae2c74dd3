/**
 * Test harness for the QBO stand-in: a real HTTP server on 127.0.0.1 (port 0), a movable clock,
 * a tiny token verifier ("t-<realmId>" is valid for that realm, "expired" is expired) and small
 * books built on the brand-new-company seed.
 */
import { defaultStandInOptions, type TokenVerifier } from '../../../sandbox/common/types';
import { createQboStandIn, type QboOptions, type QboStandIn } from '../../../sandbox/qbo';
import { newCompanyBooks } from '../../../sandbox/seed/new-company';
import type { QboEntityJson, SeedBooks } from '../../../sandbox/seed/types';
import { listen } from '../../../sandbox/common/listen';

export const REALM = '9341452000000001';
export const TOKEN = `t-${REALM}`;

export const verifier: TokenVerifier = {
  verifyAccessToken(token) {
    if (token === 'expired') return { ok: false, reason: 'expired' };
    const m = /^t-(.+)$/.exec(token);
    return m ? { ok: true, realmId: m[1]! } : { ok: false, reason: 'invalid' };
  },
};

export class Clock {
  constructor(public ms = Date.parse('2026-06-15T17:00:00Z')) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export function accountId(books: SeedBooks, name: string): string {
  const found = books.Account.find((a) => a.Name === name);
  if (!found) throw new Error(`no account ${name}`);
  return found.Id;
}

/** A new company plus two customers and two items (Ids 1, 2 in each list). */
export function fixtureBooks(realmId = REALM): SeedBooks {
  const books = newCompanyBooks(realmId);
  const meta = { CreateTime: '2026-01-05T07:04:05-08:00', LastUpdatedTime: '2026-01-05T07:04:05-08:00' };
  const income = accountId(books, 'Sales of Product Income');
  const customer = (id: string, name: string, email: string): QboEntityJson => ({
    Id: id,
    SyncToken: '0',
    DisplayName: name,
    FullyQualifiedName: name,
    PrimaryEmailAddr: { Address: email },
    Active: true,
    Balance: 0,
    MetaData: meta,
  });
  const item = (id: string, name: string, sku: string, price: number): QboEntityJson => ({
    Id: id,
    SyncToken: '0',
    Name: name,
    FullyQualifiedName: name,
    Sku: sku,
    Type: 'NonInventory',
    UnitPrice: price,
    Active: true,
    IncomeAccountRef: { value: income, name: 'Sales of Product Income' },
    MetaData: meta,
  });
  books.Customer = [customer('1', 'Amy Lee', 'amy@example.com'), customer('2', 'Bob Stone', 'bob@example.com')];
  books.Item = [item('1', 'Mug', 'MUG-1', 12.5), item('2', 'Teapot', 'POT-1', 40)];
  return books;
}

/** `count` invoices for customer 1 with DocNumbers 5001.., one line each, created a day apart. */
export function withInvoices(books: SeedBooks, count: number, firstId = 100): SeedBooks {
  const base = Date.parse('2026-01-10T12:00:00Z');
  for (let i = 0; i < count; i++) {
    const ms = base + i * 60_000;
    const stamp = new Date(ms - 8 * 3_600_000).toISOString().slice(0, 19) + '-08:00';
    const amount = 10 + (i % 7);
    books.Invoice.push({
      Id: String(firstId + i),
      SyncToken: '0',
      DocNumber: String(5001 + i),
      TxnDate: stamp.slice(0, 10),
      CustomerRef: { value: i % 2 === 0 ? '1' : '2', name: i % 2 === 0 ? 'Amy Lee' : 'Bob Stone' },
      Line: [
        { Id: '1', LineNum: 1, Amount: amount, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1', name: 'Mug' } } },
        { Amount: amount, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} },
      ],
      TotalAmt: amount,
      Balance: amount,
      MetaData: { CreateTime: stamp, LastUpdatedTime: stamp },
    });
  }
  return books;
}

export interface Running {
  standIn: QboStandIn;
  port: number;
  base: string;
  clock: Clock;
  close(): Promise<void>;
}

export async function startQbo(
  opts: { books?: SeedBooks[]; rateLimits?: 'real' | 'off'; clock?: Clock; qbo?: Partial<QboOptions> } = {},
): Promise<Running> {
  const clock = opts.clock ?? new Clock();
  const standIn = createQboStandIn({
    realms: opts.books ?? [fixtureBooks()],
    tokens: verifier,
    options: defaultStandInOptions({ rateLimits: opts.rateLimits ?? 'off', now: clock.now }),
    qbo: opts.qbo,
  });
  const { port, origin, close } = await listen(standIn.handler);
  return { standIn, port, base: `${origin}/v3/company/${REALM}`, clock, close };
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export async function api(
  url: string,
  init: { method?: string; body?: unknown; token?: string | null; contentType?: string } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = init.token === undefined ? TOKEN : init.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['Content-Type'] = init.contentType ?? 'application/json';
  }
  const res = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export function query(run: Running, statement: string): Promise<ApiResponse> {
  return api(`${run.base}/query?query=${encodeURIComponent(statement)}&minorversion=75`);
}
