/**
 * The QuickBooks sync engine against the QBO stand-in with its real rate limits (10/s, 500/min per
 * realm) and 50 ms of latency, the stand-in in its own process so this process measures only us:
 * - full pull of 100,000 invoices + 20,000 customers + 2,000 items, against the floor QBO's limits
 *   set (requests needed ÷ allowed rate), with 429s counted, peak RSS sampled during the pull;
 * - the same pull in the worker thread, with this thread's event-loop delay measured meanwhile
 *   (and the in-thread pull's, for contrast);
 * - an incremental pull after 100 invoices changed: requests and seconds;
 * - node-quickbooks `findInvoices({ fetchAll: true })` pulling the same invoices into the same schema;
 * - local ingest (no network): JSON pages → mirror, against a bare better-sqlite3 insert of the
 *   same rows (invoice + lines, raw JSON kept) in the same run.
 * The stand-in child is this file run with --serve-qbo-stand-in.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openCompanyDb } from '../../main/mirror/open';
import { writeQboEntities } from '../../main/mirror/qbo/write';
import { systemClock } from '../../main/qbo/clock';
import { QBO_LIMITS, RealmLimiter } from '../../main/qbo/limiter';
import { createSyncClient, MeteredLimiter, newMeter, syncCompany, syncInWorker, type SyncQboClient, type SyncSummary } from '../../main/sync';
import { withFaults } from '../../sandbox/common/faults';
import { qbo500 } from '../../sandbox/common/service-bodies';
import { defaultStandInOptions, type TokenVerifier } from '../../sandbox/common/types';
import { createQboStandIn, DEFAULT_QBO_OPTIONS } from '../../sandbox/qbo';
import { Operations } from '../../sandbox/qbo/operations';
import { syncBooks } from '../../test/sync/books';
import { round } from '../measure';

const REALM = '4620816365000000777';
const SIZES = { customers: 20_000, items: 2_000, invoices: 100_000 };
const LATENCY_MS = 50;
const SERVE_FLAG = '--serve-qbo-stand-in';
const INGEST_INVOICES = 50_000;

const tokens = { accessToken: async () => `t-${REALM}`, renewAfterRejection: async () => `t-${REALM}` };

/** Child mode: the stand-in with the big company, plus a control path that edits invoices. */
async function serve(): Promise<void> {
  const verifier: TokenVerifier = {
    verifyAccessToken: (token) => (token === `t-${REALM}` ? { ok: true, realmId: REALM } : { ok: false, reason: 'invalid' }),
  };
  const options = defaultStandInOptions({ rateLimits: 'real', latencyMs: LATENCY_MS });
  const standIn = createQboStandIn({ realms: [syncBooks(REALM, Date.now(), SIZES)], tokens: verifier, options });
  const api = withFaults(standIn.handler, { options, error500: qbo500(options.now), throttled: (res) => standIn.throttled(res) });
  const ops = new Operations(standIn.realm(REALM), DEFAULT_QBO_OPTIONS, options.now);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/__bench/limits') {
      // node-quickbooks has no rate limiting of its own; its second run is measured without QBO's.
      options.rateLimits = url.searchParams.get('mode') === 'off' ? 'off' : 'real';
      res.end('{}');
      return;
    }
    if (url.pathname !== '/__bench/change') return api(req, res);
    // Spread over the whole Id range, as edits by a bookkeeper would be.
    const n = Number(url.searchParams.get('n') ?? '100');
    for (let i = 0; i < n; i++) {
      const id = String(1 + Math.floor((i * SIZES.invoices) / n));
      const token = String(standIn.realm(REALM).tables.Invoice.get(id)!.obj.SyncToken);
      ops.update('Invoice', { Id: id, SyncToken: token, sparse: true, PrivateNote: `edited for the benchmark ${i}` }, { allowDuplicateDocNum: false });
    }
    res.end(JSON.stringify({ changed: n }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  process.stdout.write(JSON.stringify({ port: (server.address() as AddressInfo).port }) + '\n');
}

function startChild(): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), SERVE_FLAG], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, base: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}` });
    });
    child.on('exit', (code) => reject(new Error(`stand-in exited with ${code}`)));
  });
}

function delayStats(h: ReturnType<typeof monitorEventLoopDelay>) {
  return { p50: round(h.percentile(50) / 1e6, 1), p99: round(h.percentile(99) / 1e6, 1), max: round(h.max / 1e6, 1) };
}

/** Fewest requests a full pull can make: one per 1000 rows of each entity (at least one each). */
function requestsNeeded(summary: SyncSummary): number {
  return Object.values(summary.entities).reduce((n, e) => n + Math.max(1, Math.ceil(e.local / 1000)), 0);
}

async function pullInThread(base: string, limiter: RealmLimiter, dataDir: string) {
  const { client, meter } = createSyncClient({ apiBase: base, realmId: REALM, tokens, limiter });
  const delay = monitorEventLoopDelay({ resolution: 10 });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  delay.enable();
  const started = performance.now();
  const summary = await syncCompany({ dataDir, realmId: REALM, client, meter });
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  clearInterval(sampler);
  return { summary, seconds, peakRssMB: Math.round(peakRss / 2 ** 20), delay: delayStats(delay) };
}

async function pullInWorker(base: string, limiter: RealmLimiter, dataDir: string) {
  const meter = newMeter();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  delay.enable();
  const started = performance.now();
  const summary = await syncInWorker({ dataDir, realmId: REALM, apiBase: base, tokens, limiter: new MeteredLimiter(limiter, meter) });
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  clearInterval(sampler);
  return { summary, seconds, peakRssMB: Math.round(peakRss / 2 ** 20), delay: delayStats(delay) };
}

async function nodeQuickbooks(base: string, dataDir: string): Promise<{ seconds: number; fetchSeconds: number; invoices: number } | { error: string }> {
  const require = createRequire(import.meta.url);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const QuickBooks = require('node-quickbooks') as any;
  QuickBooks.V3_ENDPOINT_BASE_URL = `${base}/v3/company/`;
  const qbo = new QuickBooks('client-id', 'client-secret', `t-${REALM}`, false, REALM, true, false, 75, '2.0', 'refresh');
  const db = openCompanyDb(dataDir, REALM);
  const started = performance.now();
  try {
    const data = await new Promise<{ QueryResponse: { Invoice: Record<string, unknown>[] } }>((resolve, reject) =>
      qbo.findInvoices({ fetchAll: true }, (err: unknown, d: { QueryResponse: { Invoice: Record<string, unknown>[] } }) => (err ? reject(err) : resolve(d))),
    );
    const fetchSeconds = (performance.now() - started) / 1000;
    const invoices = data.QueryResponse.Invoice;
    for (let i = 0; i < invoices.length; i += 1000) writeQboEntities(db, 'Invoice', invoices.slice(i, i + 1000));
    return { seconds: (performance.now() - started) / 1000, fetchSeconds, invoices: invoices.length };
  } catch (error) {
    const text = error instanceof Error ? error.message : JSON.stringify(error).slice(0, 300);
    process.stderr.write(`node-quickbooks failed: ${text}\n`);
    return { error: text };
  } finally {
    db.close();
  }
}

/**
 * The engine's own full-pull path with the network taken out: a client that serves QBO-shaped
 * JSON pages from memory (parsed per request, as the real client does), so page planning, the
 * transactions with their page markers and the projection are all measured.
 */
function memoryClient(pages: readonly string[], total: number): SyncQboClient {
  const parse = (page: string) => (JSON.parse(page) as { QueryResponse: { Invoice: Record<string, unknown>[] } }).QueryResponse.Invoice;
  return {
    realmId: REALM,
    queryPage: async (statement, startPosition = 1) => {
      const rows = statement.startsWith('SELECT * FROM Invoice ') ? parse(pages[Math.floor((startPosition - 1) / 1000)] ?? '{"QueryResponse":{"Invoice":[]}}') : [];
      return { entity: rows.length > 0 ? 'Invoice' : null, rows, startPosition };
    },
    count: async (statement) => (statement.includes('FROM Invoice') ? total : 0),
    cdc: async () => ({ changes: {}, time: new Date().toISOString() }),
  };
}

/** JSON pages → mirror through the engine, and the same pages → a bare two-table insert; invoices/s each. */
async function ingest(dir: string): Promise<{ ours: number; bare: number }> {
  const books = syncBooks(REALM, Date.now(), { customers: 100, items: 100, invoices: INGEST_INVOICES });
  const pages: string[] = [];
  for (let i = 0; i < INGEST_INVOICES; i += 1000) {
    pages.push(JSON.stringify({ QueryResponse: { Invoice: books.Invoice.slice(i, i + 1000), startPosition: i + 1, maxResults: 1000 }, time: 'x' }));
  }
  books.Invoice.length = 0;
  const parse = (page: string) => (JSON.parse(page) as { QueryResponse: { Invoice: Record<string, unknown>[] } }).QueryResponse.Invoice;

  let started = performance.now();
  const summary = await syncCompany({ dataDir: join(dir, 'ours'), realmId: REALM, client: memoryClient(pages, INGEST_INVOICES) });
  const ours = summary.entities.Invoice!.local / ((performance.now() - started) / 1000);

  const bare = new Database(join(dir, 'bare.sqlite'));
  bare.pragma('journal_mode = WAL');
  bare.pragma('synchronous = NORMAL');
  bare.exec(`CREATE TABLE invoices (id TEXT PRIMARY KEY, sync_token TEXT NOT NULL, doc_number TEXT, txn_date TEXT, customer_id TEXT, total INTEGER, raw TEXT NOT NULL);
    CREATE TABLE lines (txn_id TEXT NOT NULL, line_no INTEGER NOT NULL, item_id TEXT, amount INTEGER, PRIMARY KEY (txn_id, line_no)) WITHOUT ROWID;`);
  const invoice = bare.prepare('INSERT INTO invoices VALUES (?, ?, ?, ?, ?, ?, ?)');
  const line = bare.prepare('INSERT INTO lines VALUES (?, ?, ?, ?)');
  started = performance.now();
  for (const page of pages) {
    const rows = parse(page);
    bare.transaction(() => {
      for (const r of rows) {
        invoice.run(r.Id, r.SyncToken, r.DocNumber, r.TxnDate, (r.CustomerRef as { value: string }).value, Math.round((r.TotalAmt as number) * 100), JSON.stringify(r));
        (r.Line as { Amount: number; SalesItemLineDetail?: { ItemRef: { value: string } } }[]).forEach((l, n) =>
          line.run(r.Id, n + 1, l.SalesItemLineDetail?.ItemRef.value ?? null, Math.round(l.Amount * 100)),
        );
      }
    })();
  }
  const bareRate = INGEST_INVOICES / ((performance.now() - started) / 1000);
  bare.close();
  return { ours: Math.round(ours), bare: Math.round(bareRate) };
}

export default async function run(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'lb-qbo-sync-bench-'));
  const { child, base } = await startChild();
  try {
    // One limiter for the realm, as in the app: every pull below shares QBO's budget.
    const limiter = new RealmLimiter(systemClock, QBO_LIMITS);
    const inWorker = await pullInWorker(base, limiter, join(dir, 'b'));
    const needed = requestsNeeded(inWorker.summary);
    const inThread = await pullInThread(base, limiter, join(dir, 'a'));

    await fetch(`${base}/__bench/change?n=100`, { method: 'POST' });
    const { client, meter } = createSyncClient({ apiBase: base, realmId: REALM, tokens, limiter });
    const started = performance.now();
    const incremental = await syncCompany({ dataDir: join(dir, 'a'), realmId: REALM, client, meter });
    const incrementalSeconds = (performance.now() - started) / 1000;

    // Local ingest before node-quickbooks, whose 100,000 invoices in one array leave a big heap behind.
    const local = await ingest(dir);
    const nq = await nodeQuickbooks(base, join(dir, 'nq'));
    await fetch(`${base}/__bench/limits?mode=off`, { method: 'POST' });
    const nqUnlimited = await nodeQuickbooks(base, join(dir, 'nq-unlimited'));
    await fetch(`${base}/__bench/limits?mode=real`, { method: 'POST' });

    // The app's path is the worker pull; the in-thread pull is there for the event-loop contrast.
    const s = inWorker.summary;
    const floor500 = needed / (500 / 60);
    const floor10 = needed / 10;
    // Ledgerbridge's time for the invoices alone, at its measured pace per request.
    const ourInvoiceSeconds = inWorker.seconds * (Math.ceil(SIZES.invoices / 1000) / s.requests);
    return {
      invoices: s.entities.Invoice!.local,
      customers: s.entities.Customer!.local,
      items: s.entities.Item!.local,
      fullPullSeconds: round(inWorker.seconds),
      fullPullRequests: s.requests,
      fullPullRequestsNeeded: needed,
      fullPull429s: s.throttled,
      fullPullRetries: s.retries,
      floorSeconds500PerMinute: round(floor500),
      ratioToFloor500PerMinute: round(inWorker.seconds / floor500),
      floorSeconds10PerSecond: round(floor10),
      ratioToFloor10PerSecond: round(inWorker.seconds / floor10),
      fullPullPeakRssMB: Math.max(inWorker.peakRssMB, inThread.peakRssMB),
      eventLoopDelayWorkerP50Ms: inWorker.delay.p50,
      eventLoopDelayWorkerP99Ms: inWorker.delay.p99,
      eventLoopDelayWorkerMaxMs: inWorker.delay.max,
      inThreadPullSeconds: round(inThread.seconds),
      inThreadPull429s: inThread.summary.throttled,
      inThreadPullRequests: inThread.summary.requests,
      inThreadPullRetries: inThread.summary.retries,
      eventLoopDelayInThreadP99Ms: inThread.delay.p99,
      eventLoopDelayInThreadMaxMs: inThread.delay.max,
      incrementalSeconds: round(incrementalSeconds),
      incrementalRequests: incremental.requests,
      incrementalEntities: Object.keys(incremental.entities).length,
      incrementalInvoicesWritten: incremental.entities.Invoice!.written,
      incremental429s: incremental.throttled,
      // Under QBO's real limits node-quickbooks, which paces nothing, may be refused (429) midway.
      nodeQuickbooksFailedWith429: 'error' in nq ? 1 : 0,
      ...('error' in nq ? {} : { nodeQuickbooksSeconds: round(nq.seconds), speedupVsNodeQuickbooks: round(nq.seconds / ourInvoiceSeconds) }),
      ...('error' in nqUnlimited
        ? { nodeQuickbooksUnlimitedFailed: 1 }
        : {
            nodeQuickbooksNoLimitsSeconds: round(nqUnlimited.seconds),
            nodeQuickbooksNoLimitsFetchSeconds: round(nqUnlimited.fetchSeconds),
            nodeQuickbooksNoLimitsInvoices: nqUnlimited.invoices,
            ledgerbridgeInvoiceSeconds: round(ourInvoiceSeconds),
            speedupVsNodeQuickbooksNoLimits: round(nqUnlimited.seconds / ourInvoiceSeconds),
          }),
      ingestInvoicesPerSecond: local.ours,
      bareInsertInvoicesPerSecond: local.bare,
      ingestRatioToBare: round(local.ours / local.bare),
    };
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes(SERVE_FLAG)) await serve();
