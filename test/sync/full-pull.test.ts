import { afterEach, describe, expect, it } from 'vitest';
import { openCompanyDb } from '../../main/mirror/open';
import { writeQboEntities } from '../../main/mirror/qbo/write';
import { events as contractEvents } from '../../preload/contract';
import { mirrorStatus, syncCompany, type SyncProgressEvent } from '../../main/sync';
import { tempDir } from '../helpers/tmp';
import { syncBooks } from './books';
import { expectMirrorEqualsStandIn, MovableClock, NO_LIMITS, REALM, startQbo, syncClient, type RunningQbo } from './harness';

let qbo: RunningQbo | null = null;
afterEach(async () => {
  await qbo?.close();
  qbo = null;
});

const sizes = { customers: 230, items: 40, invoices: 520, salesReceipts: 30, creditMemos: 12, refundReceipts: 7, payments: 60, inactiveEvery: 9 };

describe('full pull', () => {
  it('mirrors every entity record by record, pages written with their markers, counts checked', async () => {
    const clock = new MovableClock();
    qbo = await startQbo({ books: syncBooks(REALM, clock.now(), sizes), clock });
    const dataDir = tempDir();
    const { client, meter } = syncClient(qbo.apiBase, { limits: NO_LIMITS });
    const events: SyncProgressEvent[] = [];
    const summary = await syncCompany({ dataDir, realmId: REALM, client, meter, pageSize: 100, now: clock.now, onProgress: (e) => events.push(e) });

    const db = openCompanyDb(dataDir, REALM);
    expectMirrorEqualsStandIn(db, qbo.standIn);
    expect(summary.mode).toBe('full');
    expect(summary.entities.Invoice).toMatchObject({ mode: 'full', local: 520, fetched: 520 });
    expect(summary.entities.Customer!.local).toBe(230);
    expect(summary.throttled).toBe(0);
    // 6 pages of invoices, 3 of customers: pages + one count per multi-page entity + its end check.
    expect(summary.requests).toBeLessThan(40);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    const status = mirrorStatus(db);
    expect(status.company.lastSuccessAt).not.toBeNull();
    expect(status.company.offline).toBe(false);
    const invoice = status.entities.find((e) => e.entity === 'Invoice')!;
    expect(invoice).toMatchObject({ count: 520, remoteCount: 520, phase: 'incremental', fullPull: null });
    expect(invoice.cursor).toMatch(/^\d{4}-/);

    // Every event fits the contract's syncProgress event, so the caller can emit it as is.
    for (const event of events) contractEvents.syncProgress.parse(event);
    const invoiceEvents = events.filter((e) => e.entity === 'Invoice');
    expect(invoiceEvents[0]).toMatchObject({ realmId: REALM, source: 'qbo', phase: 'starting' });
    expect(invoiceEvents.at(-1)).toMatchObject({ phase: 'done' });
    expect(invoiceEvents.some((e) => e.phase === 'pulling' && e.total === 520 && e.done > 0)).toBe(true);
    db.close();
  });

  it('--full pulls everything again and drops rows QuickBooks does not have', async () => {
    const clock = new MovableClock();
    const books = syncBooks(REALM, clock.now(), { customers: 30, items: 5, invoices: 40, salesReceipts: 4 });
    qbo = await startQbo({ books, clock });
    const dataDir = tempDir();
    const { client, meter } = syncClient(qbo.apiBase, { limits: NO_LIMITS });
    await syncCompany({ dataDir, realmId: REALM, client, meter, now: clock.now });
    // A row the mirror holds but QuickBooks never had (e.g. restored from an old copy of the file).
    const db = openCompanyDb(dataDir, REALM);
    writeQboEntities(db, 'SalesReceipt', [{ ...books.SalesReceipt[0]!, Id: '99999', DocNumber: 'GHOST' }]);
    db.close();

    const again = await syncCompany({ dataDir, realmId: REALM, client, meter, now: clock.now });
    expect(again.mode).toBe('incremental');
    expect(again.entities.SalesReceipt!.local).toBe(5);

    const full = await syncCompany({ dataDir, realmId: REALM, client, meter, now: clock.now, full: true });
    expect(full.mode).toBe('full');
    expect(full.entities.SalesReceipt).toMatchObject({ mode: 'full', deleted: 1, local: 4 });
    const after = openCompanyDb(dataDir, REALM);
    expectMirrorEqualsStandIn(after, qbo.standIn);
    after.close();
  });
});
