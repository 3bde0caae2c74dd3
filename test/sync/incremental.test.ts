import { afterEach, describe, expect, it } from 'vitest';
import { openCompanyDb } from '../../main/mirror/open';
import { syncCompany } from '../../main/sync';
import { tempDir } from '../helpers/tmp';
import { syncBooks } from './books';
import { expectMirrorEqualsStandIn, MovableClock, NO_LIMITS, REALM, startQbo, syncClient, type RunningQbo } from './harness';
import { createCustomer, deactivateItem, deleteTxn, renameCustomer, updateNote } from './mutate';

let qbo: RunningQbo | null = null;
afterEach(async () => {
  await qbo?.close();
  qbo = null;
});

const DAY = 86_400_000;
const sizes = { customers: 120, items: 30, invoices: 300, salesReceipts: 20, payments: 40, creditMemos: 5, refundReceipts: 3, inactiveEvery: 7 };

async function pulledCompany(qboOptions: { cdcMaxObjects?: number; cdcMaxAgeDays?: number } = {}) {
  const clock = new MovableClock();
  qbo = await startQbo({ books: syncBooks(REALM, clock.now(), sizes), clock, qbo: qboOptions });
  const dataDir = tempDir();
  const { client, meter } = syncClient(qbo.apiBase, { limits: NO_LIMITS });
  const sync = (extra: { cdcMaxObjects?: number } = {}) =>
    syncCompany({ dataDir, realmId: REALM, client, meter, pageSize: 100, now: clock.now, ...extra });
  await sync();
  return { clock, dataDir, client, sync, standIn: qbo.standIn };
}

describe('incremental pull', () => {
  it('applies updates, creations and deletions through one CDC request', async () => {
    const { clock, dataDir, client, sync, standIn } = await pulledCompany();
    clock.advance(3 * DAY);
    await updateNote(client, standIn, 'Invoice', '5', 'changed after the first pull');
    await deleteTxn(client, standIn, 'Invoice', '7');
    await deleteTxn(client, standIn, 'Payment', String(300 + 20 + 5 + 3 + 2));
    await renameCustomer(client, standIn, '3', 'Renamed Customer');
    const newId = await createCustomer(client, 'Brand New Customer');
    await deactivateItem(client, standIn, '4');

    const summary = await sync();
    expect(summary.mode).toBe('incremental');
    // Invoice 5 was edited; invoice 2 changed too: deleting its payment restored its balance.
    expect(summary.entities.Invoice).toMatchObject({ mode: 'cdc', written: 2, deleted: 1 });
    expect(summary.entities.Payment).toMatchObject({ mode: 'cdc', written: 0, deleted: 1 });
    expect(summary.entities.Customer).toMatchObject({ mode: 'cdc', written: 2 });
    // One CDC request for every cdc entity, plus the four small lists re-read whole.
    expect(summary.requests).toBe(1 + 4);
    const db = openCompanyDb(dataDir, REALM);
    expectMirrorEqualsStandIn(db, standIn);
    expect(db.prepare("SELECT display_name FROM qbo_customers WHERE id = ?").pluck().get(newId)).toBe('Brand New Customer');
    expect(db.prepare("SELECT count(*) FROM qbo_sales_txns WHERE type = 'Invoice' AND id = '7'").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM qbo_sales_txn_lines WHERE type = 'Invoice' AND txn_id = '7'").pluck().get()).toBe(0);
    db.close();
  });

  it('falls back to LastUpdatedTime queries and count reconciliation past the 30-day CDC window', async () => {
    const { clock, dataDir, client, sync, standIn } = await pulledCompany();
    clock.advance(40 * DAY);
    await updateNote(client, standIn, 'Invoice', '11', 'changed 40 days later');
    await deleteTxn(client, standIn, 'Invoice', '12');
    await deleteTxn(client, standIn, 'SalesReceipt', String(300 + 4));
    await createCustomer(client, 'Late Customer');

    const summary = await sync();
    expect(summary.entities.Invoice).toMatchObject({ mode: 'fallback', deleted: 1 });
    expect(summary.entities.SalesReceipt!.deleted).toBe(1);
    const db = openCompanyDb(dataDir, REALM);
    expectMirrorEqualsStandIn(db, standIn);
    db.close();

    // The cursor is QBO's present again: the next pull is a plain CDC one.
    clock.advance(DAY);
    await updateNote(client, standIn, 'Invoice', '13', 'and one more');
    const next = await sync();
    // Invoice 13, and invoice 11 again: it changed within the safety overlap before the last cursor.
    expect(next.entities.Invoice).toMatchObject({ mode: 'cdc', written: 2, deleted: 1 });
    expect(next.requests).toBe(1 + 4);
  });

  it('falls back when QBO refuses the CDC window itself (its clock, not ours, decides)', async () => {
    const { clock, dataDir, client, sync, standIn } = await pulledCompany({ cdcMaxAgeDays: 1 });
    clock.advance(2 * DAY);
    await deleteTxn(client, standIn, 'Invoice', '21');
    await updateNote(client, standIn, 'Payment', String(300 + 20 + 5 + 3 + 9), 'noted');
    const summary = await sync();
    expect(summary.entities.Invoice).toMatchObject({ mode: 'fallback', deleted: 1 });
    const db = openCompanyDb(dataDir, REALM);
    expectMirrorEqualsStandIn(db, standIn);
    db.close();
  });

  it('falls back when a CDC answer holds the 1000-object cap (here the stand-in caps at 25)', async () => {
    const { clock, dataDir, client, sync, standIn } = await pulledCompany({ cdcMaxObjects: 25 });
    clock.advance(DAY);
    for (let id = 30; id < 60; id++) await updateNote(client, standIn, 'Invoice', String(id), `bulk edit ${id}`);
    await deleteTxn(client, standIn, 'Invoice', '90');
    await deleteTxn(client, standIn, 'Invoice', '250');
    await renameCustomer(client, standIn, '9', 'Changed Too');

    const summary = await sync({ cdcMaxObjects: 25 });
    expect(summary.entities.Invoice!.mode).toBe('fallback');
    expect(summary.entities.Invoice!.deleted).toBe(2);
    const db = openCompanyDb(dataDir, REALM);
    expectMirrorEqualsStandIn(db, standIn);
    db.close();
  });
});
