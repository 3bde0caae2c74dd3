import { afterEach, describe, expect, it } from 'vitest';
import { openCompanyDb } from '../../main/mirror/open';
import { mirrorStatus, syncCompany } from '../../main/sync';
import { DEFAULT_QBO_OPTIONS } from '../../sandbox/qbo';
import { Operations } from '../../sandbox/qbo/operations';
import { tempDir } from '../helpers/tmp';
import { syncBooks } from './books';
import { expectMirrorEqualsStandIn, MovableClock, NO_LIMITS, REALM, startQbo, syncClient, type RunningQbo } from './harness';

let qbo: RunningQbo | null = null;
afterEach(async () => {
  await qbo?.close();
  qbo = null;
});

const sizes = { customers: 150, items: 20, invoices: 520, salesReceipts: 10, payments: 30, creditMemos: 3, refundReceipts: 2 };
const NO_FLAGS = { allowDuplicateDocNum: false };

describe('a full pull while the company changes', () => {
  it('repairs the rows a deletion shifted past a page boundary and catches up every change', async () => {
    const clock = new MovableClock();
    qbo = await startQbo({ books: syncBooks(REALM, clock.now(), sizes), clock });
    const standIn = qbo.standIn;
    // The stand-in's own operations, run synchronously between two pages.
    const ops = new Operations(standIn.realm(REALM), DEFAULT_QBO_OPTIONS, clock.now);
    const dataDir = tempDir();
    const { client, meter } = syncClient(qbo.apiBase, { limits: NO_LIMITS });
    let changed = false;
    const summary = await syncCompany({
      dataDir,
      realmId: REALM,
      client,
      meter,
      pageSize: 50,
      concurrency: 1,
      now: clock.now,
      onProgress: (e) => {
        if (changed || e.entity !== 'Invoice' || e.phase !== 'pulling') return;
        changed = true;
        // Page 0 (Ids 1..50) is in: two deletions in it shift Ids 51 and 52 into it, unseen.
        ops.remove('Invoice', { Id: '45', SyncToken: '0' });
        ops.remove('Invoice', { Id: '46', SyncToken: '0' });
        ops.update('Invoice', { Id: '10', SyncToken: '0', sparse: true, PrivateNote: 'edited during the pull' }, NO_FLAGS);
        ops.update('Invoice', { Id: '400', SyncToken: '0', sparse: true, PrivateNote: 'edited ahead of the pull' }, NO_FLAGS);
        ops.create('Customer', { DisplayName: 'Created during the pull' }, NO_FLAGS);
      },
    });
    expect(changed).toBe(true);
    expect(summary.entities.Invoice!.repaired).toBe(2);
    const db = openCompanyDb(dataDir, REALM);
    expectMirrorEqualsStandIn(db, standIn);
    db.close();
  });
});

describe('a cancelled pull', () => {
  it('stops between pages, keeps what it wrote, and the next pull fetches only the rest', async () => {
    const clock = new MovableClock();
    qbo = await startQbo({ books: syncBooks(REALM, clock.now(), sizes), clock });
    const dataDir = tempDir();
    const { client, meter } = syncClient(qbo.apiBase, { limits: NO_LIMITS });
    const controller = new AbortController();
    let invoicePages = 0;
    const phases: string[] = [];
    await expect(
      syncCompany({
        dataDir,
        realmId: REALM,
        client,
        meter,
        pageSize: 50,
        concurrency: 2,
        now: clock.now,
        signal: controller.signal,
        onProgress: (e) => {
          if (e.entity === 'Invoice') phases.push(e.phase);
          if (e.entity === 'Invoice' && e.phase === 'pulling' && ++invoicePages === 4) controller.abort(new Error('user cancelled'));
        },
      }),
    ).rejects.toThrow('user cancelled');
    expect(phases.at(-1)).toBe('cancelled');

    const db = openCompanyDb(dataDir, REALM);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const invoice = mirrorStatus(db).entities.find((e) => e.entity === 'Invoice')!;
    expect(invoice.phase).toBe('full');
    expect(invoice.fullPull!.pagesDone).toBeGreaterThanOrEqual(4);
    expect(invoice.fullPull!.rowsDone).toBe(invoice.count);
    // Every invoice in the mirror came with all its lines: no half-written page.
    expect(db.prepare("SELECT count(*) FROM qbo_sales_txn_lines WHERE type = 'Invoice'").pluck().get()).toBe(invoice.count * 4);
    const had = invoice.count;
    db.close();

    const summary = await syncCompany({ dataDir, realmId: REALM, client, meter, pageSize: 50, now: clock.now });
    expect(summary.entities.Invoice).toMatchObject({ mode: 'resumed', fetched: 520 - had });
    const after = openCompanyDb(dataDir, REALM);
    expectMirrorEqualsStandIn(after, qbo.standIn);
    after.close();
  });
});
