import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, REALM, type Running, startQbo } from './harness';

let run: Running;

beforeEach(async () => {
  run = await startQbo();
});
afterEach(() => run.close());

const post = (path: string, body: unknown) => api(`${run.base}/${path}`, { body });
const get = (path: string) => api(`${run.base}/${path}`);

function invoiceBody(extra: Record<string, unknown> = {}) {
  return {
    CustomerRef: { value: '1' },
    Line: [
      { Amount: 25, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 2, UnitPrice: 12.5 } },
      { Amount: 40, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '2' } } },
    ],
    TxnTaxDetail: { TotalTax: 5.2 },
    ...extra,
  };
}

describe('Customer', () => {
  it('create computes Id, SyncToken, MetaData, defaults; read returns it; sparse update bumps SyncToken', async () => {
    const created = await post('customer?minorversion=75', { GivenName: 'Cara', FamilyName: 'Diaz', PrimaryEmailAddr: { Address: 'cara@example.com' } });
    expect(created.status).toBe(200);
    const c = created.json.Customer;
    expect(c).toMatchObject({ Id: '3', SyncToken: '0', DisplayName: 'Cara Diaz', FullyQualifiedName: 'Cara Diaz', Active: true, Balance: 0, domain: 'QBO', sparse: false });
    expect(c.MetaData.CreateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[78]:00$/);
    expect(c.MetaData.CreateTime).toBe('2026-06-15T10:00:00-07:00');
    const read = await get('customer/3');
    expect(read.json.Customer).toEqual(c);
    run.clock.advance(5000);
    const upd = await post('customer?operation=update', { Id: '3', SyncToken: '0', sparse: true, CompanyName: 'Diaz Co' });
    expect(upd.json.Customer).toMatchObject({ SyncToken: '1', CompanyName: 'Diaz Co', GivenName: 'Cara', PrimaryEmailAddr: { Address: 'cara@example.com' } });
    expect(upd.json.Customer.MetaData).toEqual({ CreateTime: '2026-06-15T10:00:00-07:00', LastUpdatedTime: '2026-06-15T10:00:05-07:00' });
  });

  it('full update clears omitted writable fields', async () => {
    const upd = await post('customer', { Id: '1', SyncToken: '0', DisplayName: 'Amy Lee' });
    expect(upd.status).toBe(200);
    expect(upd.json.Customer.PrimaryEmailAddr).toBeUndefined();
    expect(upd.json.Customer.SyncToken).toBe('1');
  });

  it('duplicate DisplayName → 6240; missing name → 2020 naming DisplayName', async () => {
    const dup = await post('customer', { DisplayName: 'amy lee' });
    expect(dup.status).toBe(400);
    expect(dup.json.Fault.type).toBe('ValidationFault');
    expect(dup.json.Fault.Error[0]).toMatchObject({ code: '6240', Message: 'Duplicate Name Exists Error' });
    const missing = await post('customer', { Notes: 'nobody' });
    expect(missing.json.Fault.Error[0]).toMatchObject({ code: '2020', element: 'DisplayName' });
    expect(missing.json.Fault.Error[0].Detail).toBe('Required parameter DisplayName is missing in the request');
  });

  it('cannot be deleted; made inactive instead (renamed "(deleted)")', async () => {
    const del = await post('customer?operation=delete', { Id: '1', SyncToken: '0' });
    expect(del.status).toBe(400);
    expect(del.json.Fault.Error[0].code).toBe('500');
    const inactive = await post('customer', { Id: '1', SyncToken: '0', sparse: true, Active: false });
    expect(inactive.json.Customer).toMatchObject({ Active: false, DisplayName: 'Amy Lee (deleted)' });
    // The freed name can be used again.
    expect((await post('customer', { DisplayName: 'Amy Lee' })).status).toBe(200);
  });

  it('stale SyncToken → 5010; missing SyncToken → 2020; unknown Id → 610', async () => {
    await post('customer', { Id: '1', SyncToken: '0', sparse: true, Notes: 'a' });
    const stale = await post('customer', { Id: '1', SyncToken: '0', sparse: true, Notes: 'b' });
    expect(stale.status).toBe(400);
    expect(stale.json.Fault.Error[0]).toMatchObject({ code: '5010', Message: 'Stale Object Error', element: '' });
    expect(stale.json.Fault.Error[0].Detail).toMatch(/^Stale Object Error : You and root were working on this at the same time/);
    const noToken = await post('customer?operation=update', { Id: '1', sparse: true, Notes: 'c' });
    expect(noToken.json.Fault.Error[0]).toMatchObject({ code: '2020', element: 'SyncToken' });
    const unknown = await get('customer/999');
    expect(unknown.status).toBe(400);
    expect(unknown.json.Fault.Error[0]).toMatchObject({ code: '610', Message: 'Object Not Found' });
  });
});

describe('Item', () => {
  it('create requires Name and IncomeAccountRef, rejects duplicate names, soft-deletes', async () => {
    const missing = await post('item', { Type: 'Service', IncomeAccountRef: { value: '13' } });
    expect(missing.json.Fault.Error[0]).toMatchObject({ code: '2020', element: 'Name' });
    const noAccount = await post('item', { Name: 'Spoon', Type: 'Service' });
    expect(noAccount.json.Fault.Error[0]).toMatchObject({ code: '2020', element: 'IncomeAccountRef' });
    const created = await post('item', { Name: 'Spoon', Sku: 'SP-1', Type: 'NonInventory', UnitPrice: 3, IncomeAccountRef: { value: '13' } });
    expect(created.json.Item).toMatchObject({ Id: '3', Name: 'Spoon', FullyQualifiedName: 'Spoon', Active: true, IncomeAccountRef: { value: '13', name: 'Sales of Product Income' } });
    const dup = await post('item', { Name: 'SPOON', Type: 'Service', IncomeAccountRef: { value: '13' } });
    expect(dup.json.Fault.Error[0].code).toBe('6240');
    const off = await post('item', { Id: '3', SyncToken: '0', sparse: true, Active: false });
    expect(off.json.Item).toMatchObject({ Active: false, Name: 'Spoon (deleted)', SyncToken: '1' });
  });
});

describe('Invoice', () => {
  it('create computes lines, SubTotalLine, TotalAmt, Balance, DocNumber, names', async () => {
    const r = await post('invoice?minorversion=75', invoiceBody());
    expect(r.status).toBe(200);
    const inv = r.json.Invoice;
    expect(inv).toMatchObject({ Id: '1', SyncToken: '0', TotalAmt: 70.2, Balance: 70.2, DocNumber: '1001', TxnDate: '2026-06-15', DueDate: '2026-06-15' });
    expect(inv.CustomerRef).toEqual({ value: '1', name: 'Amy Lee' });
    expect(inv.CurrencyRef).toEqual({ value: 'USD', name: 'United States Dollar' });
    expect(inv.Line).toHaveLength(3);
    expect(inv.Line[0]).toMatchObject({ Id: '1', LineNum: 1, Amount: 25 });
    expect(inv.Line[0].SalesItemLineDetail.ItemRef).toEqual({ value: '1', name: 'Mug' });
    expect(inv.Line[1]).toMatchObject({ Id: '2', LineNum: 2, Amount: 40 });
    expect(inv.Line[2]).toEqual({ Amount: 65, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
    expect(inv.HomeTotalAmt).toBeUndefined();
    const second = await post('invoice', invoiceBody());
    expect(second.json.Invoice).toMatchObject({ Id: '2', DocNumber: '1002' });
  });

  it('foreign-currency invoices carry HomeTotalAmt', async () => {
    const r = await post('invoice', invoiceBody({ CurrencyRef: { value: 'CAD' }, ExchangeRate: 0.75, TxnTaxDetail: { TotalTax: 0 } }));
    expect(r.json.Invoice).toMatchObject({ TotalAmt: 65, HomeTotalAmt: 48.75 });
  });

  it('validation faults name the element: CustomerRef, Line, Line.Amount, unknown ItemRef, Qty×UnitPrice', async () => {
    const noCustomer = await post('invoice', invoiceBody({ CustomerRef: undefined }));
    expect(noCustomer.json.Fault.Error[0]).toMatchObject({ code: '2020', element: 'CustomerRef' });
    const noLine = await post('invoice', { CustomerRef: { value: '1' } });
    expect(noLine.json.Fault.Error[0]).toMatchObject({ code: '2020', element: 'Line' });
    const noAmount = await post('invoice', { CustomerRef: { value: '1' }, Line: [{ DetailType: 'SalesItemLineDetail', SalesItemLineDetail: {} }] });
    expect(noAmount.json.Fault.Error[0]).toMatchObject({ code: '2020', element: 'Line.Amount' });
    const badItem = await post('invoice', { CustomerRef: { value: '1' }, Line: [{ Amount: 1, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '77' } } }] });
    expect(badItem.json.Fault.Error[0]).toMatchObject({ code: '2500', Message: 'Invalid Reference Id', element: 'Line.SalesItemLineDetail.ItemRef' });
    const badCustomer = await post('invoice', invoiceBody({ CustomerRef: { value: '77' } }));
    expect(badCustomer.json.Fault.Error[0]).toMatchObject({ code: '2500', element: 'CustomerRef' });
    const mismatch = await post('invoice', { CustomerRef: { value: '1' }, Line: [{ Amount: 30, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 2, UnitPrice: 12.5 } }] });
    expect(mismatch.json.Fault.Error[0].code).toBe('6070');
    expect(run.standIn.realm(REALM).count('Invoice')).toBe(0);
  });

  it('duplicate DocNumber → 6140 unless include=allowduplicatedocnum', async () => {
    await post('invoice', invoiceBody({ DocNumber: 'A-1' }));
    const dup = await post('invoice', invoiceBody({ DocNumber: 'A-1' }));
    expect(dup.status).toBe(400);
    expect(dup.json.Fault.Error[0]).toMatchObject({ code: '6140', Message: 'Duplicate Document Number Error' });
    expect(dup.json.Fault.Error[0].Detail).toContain('DocNumber=A-1 is assigned to TxnType=Invoice with TxnId=1');
    const allowed = await post('invoice?include=allowduplicatedocnum', invoiceBody({ DocNumber: 'A-1' }));
    expect(allowed.status).toBe(200);
  });

  it('sparse update replaces Line wholesale and recomputes totals; stale token → 5010', async () => {
    const inv = (await post('invoice', invoiceBody())).json.Invoice;
    const upd = await post('invoice?operation=update', {
      Id: inv.Id,
      SyncToken: inv.SyncToken,
      sparse: true,
      Line: [{ Amount: 10, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '2' } } }],
    });
    expect(upd.json.Invoice).toMatchObject({ SyncToken: '1', TotalAmt: 15.2, Balance: 15.2, DocNumber: inv.DocNumber });
    expect(upd.json.Invoice.Line).toHaveLength(2);
    const stale = await post('invoice', { Id: inv.Id, SyncToken: '0', sparse: true, PrivateNote: 'x' });
    expect(stale.json.Fault.Error[0].code).toBe('5010');
  });

  it('a Payment applied via LinkedTxn lowers the Balance and bumps the invoice SyncToken; deleting it restores', async () => {
    const inv = (await post('invoice', invoiceBody())).json.Invoice;
    run.clock.advance(60_000);
    const pay = await post('payment', { CustomerRef: { value: '1' }, TotalAmt: 50, Line: [{ Amount: 30, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] });
    expect(pay.status).toBe(200);
    expect(pay.json.Payment).toMatchObject({ Id: '2', TotalAmt: 50, UnappliedAmt: 20, SyncToken: '0' });
    expect(pay.json.Payment.DepositToAccountRef.name).toBe('Undeposited Funds');
    const after = (await get(`invoice/${inv.Id}`)).json.Invoice;
    expect(after).toMatchObject({ Balance: 40.2, TotalAmt: 70.2, SyncToken: '1' });
    expect(after.LinkedTxn).toEqual([{ TxnId: '2', TxnType: 'Payment' }]);
    expect(after.MetaData.LastUpdatedTime).toBe('2026-06-15T10:01:00-07:00');
    // The client's cached token is now stale.
    const stale = await post('invoice', { Id: inv.Id, SyncToken: '0', sparse: true, PrivateNote: 'x' });
    expect(stale.json.Fault.Error[0].code).toBe('5010');
    // Over-applying is refused without touching anything.
    const over = await post('payment', { CustomerRef: { value: '1' }, TotalAmt: 100, Line: [{ Amount: 50, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] });
    expect(over.json.Fault.Error[0].code).toBe('6000');
    expect((await get(`invoice/${inv.Id}`)).json.Invoice.Balance).toBe(40.2);
    // An invoice with payments cannot be deleted.
    const delInv = await post('invoice?operation=delete', { Id: inv.Id, SyncToken: '1' });
    expect(delInv.json.Fault.Error[0].code).toBe('6000');
    const del = await post('payment?operation=delete', { Id: '2', SyncToken: '0' });
    expect(del.json.Payment).toEqual({ status: 'Deleted', domain: 'QBO', Id: '2' });
    const restored = (await get(`invoice/${inv.Id}`)).json.Invoice;
    expect(restored).toMatchObject({ Balance: 70.2, SyncToken: '2', LinkedTxn: [] });
    expect((await get('payment/2')).json.Fault.Error[0].code).toBe('610');
  });

  it('void zeroes amounts and keeps the invoice readable; delete removes it', async () => {
    const inv = (await post('invoice', invoiceBody())).json.Invoice;
    const voided = await post('invoice?operation=void', { Id: inv.Id, SyncToken: '0' });
    expect(voided.json.Invoice).toMatchObject({ TotalAmt: 0, Balance: 0, SyncToken: '1', PrivateNote: 'Voided' });
    expect((await get(`invoice/${inv.Id}`)).json.Invoice.TotalAmt).toBe(0);
    const del = await post('invoice?operation=delete', { Id: inv.Id, SyncToken: '1' });
    expect(del.json).toMatchObject({ Invoice: { status: 'Deleted', domain: 'QBO', Id: inv.Id } });
    expect(typeof del.json.time).toBe('string');
    expect((await get(`invoice/${inv.Id}`)).json.Fault.Error[0].code).toBe('610');
    const noToken = await post('invoice?operation=delete', { Id: inv.Id });
    expect(noToken.json.Fault.Error[0]).toMatchObject({ code: '2020', element: 'SyncToken' });
  });
});

describe('SalesReceipt, Payment void, CreditMemo, RefundReceipt', () => {
  it('SalesReceipt: create (Balance 0, deposit account), void via operation=update&include=void, delete', async () => {
    const sr = await post('salesreceipt', { ...invoiceBody(), CustomerRef: undefined, PaymentMethodRef: { value: '1' } });
    expect(sr.status).toBe(200);
    expect(sr.json.SalesReceipt).toMatchObject({ Id: '1', TotalAmt: 70.2, Balance: 0 });
    expect(sr.json.SalesReceipt.DepositToAccountRef.name).toBe('Undeposited Funds');
    expect(sr.json.SalesReceipt.PaymentMethodRef.name).toBeTypeOf('string');
    const voided = await post('salesreceipt?operation=update&include=void', { Id: '1', SyncToken: '0', sparse: true });
    expect(voided.json.SalesReceipt).toMatchObject({ TotalAmt: 0, SyncToken: '1' });
    const del = await post('salesreceipt?operation=delete', { Id: '1', SyncToken: '1' });
    expect(del.json.SalesReceipt.status).toBe('Deleted');
  });

  it('Payment void releases the invoice balance', async () => {
    const inv = (await post('invoice', invoiceBody())).json.Invoice;
    const pay = (await post('payment', { CustomerRef: { value: '1' }, TotalAmt: 70.2, Line: [{ Amount: 70.2, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] })).json.Payment;
    expect((await get(`invoice/${inv.Id}`)).json.Invoice.Balance).toBe(0);
    const voided = await post('payment?operation=update&include=void', { Id: pay.Id, SyncToken: pay.SyncToken, sparse: true });
    expect(voided.json.Payment).toMatchObject({ TotalAmt: 0, UnappliedAmt: 0, SyncToken: '1' });
    expect((await get(`invoice/${inv.Id}`)).json.Invoice).toMatchObject({ Balance: 70.2, SyncToken: '2' });
    const missing = await post('payment', { CustomerRef: { value: '1' } });
    expect(missing.json.Fault.Error[0]).toMatchObject({ code: '2020', element: 'TotalAmt' });
  });

  it('CreditMemo: Balance and RemainingCredit equal the total; update and delete', async () => {
    const cm = await post('creditmemo', invoiceBody());
    expect(cm.json.CreditMemo).toMatchObject({ TotalAmt: 70.2, Balance: 70.2, RemainingCredit: 70.2 });
    const upd = await post('creditmemo', { Id: cm.json.CreditMemo.Id, SyncToken: '0', sparse: true, PrivateNote: 'refund #1001' });
    expect(upd.json.CreditMemo).toMatchObject({ PrivateNote: 'refund #1001', SyncToken: '1', TotalAmt: 70.2 });
    const del = await post('creditmemo?operation=delete', { Id: cm.json.CreditMemo.Id, SyncToken: '1' });
    expect(del.json.CreditMemo.status).toBe('Deleted');
    const noCustomer = await post('creditmemo', { ...invoiceBody(), CustomerRef: undefined });
    expect(noCustomer.json.Fault.Error[0].element).toBe('CustomerRef');
  });

  it('a CreditMemo used in a Payment settles an invoice with TotalAmt 0 and lowers RemainingCredit', async () => {
    const inv = (await post('invoice', invoiceBody())).json.Invoice;
    const cm = (await post('creditmemo', invoiceBody({ TxnTaxDetail: { TotalTax: 0 } }))).json.CreditMemo;
    const pay = await post('payment', {
      CustomerRef: { value: '1' },
      TotalAmt: 0,
      Line: [
        { Amount: 65, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] },
        { Amount: 65, LinkedTxn: [{ TxnId: cm.Id, TxnType: 'CreditMemo' }] },
      ],
    });
    expect(pay.status).toBe(200);
    expect(pay.json.Payment).toMatchObject({ TotalAmt: 0, UnappliedAmt: 0 });
    expect((await get(`invoice/${inv.Id}`)).json.Invoice).toMatchObject({ Balance: 5.2, SyncToken: '1' });
    expect((await get(`creditmemo/${cm.Id}`)).json.CreditMemo).toMatchObject({ Balance: 0, RemainingCredit: 0, SyncToken: '1' });
    const delCm = await post('creditmemo?operation=delete', { Id: cm.Id, SyncToken: '1' });
    expect(delCm.json.Fault.Error[0].code).toBe('6000');
  });

  it('RefundReceipt: create with deposit account, read, update, delete; void is not supported', async () => {
    const rr = await post('refundreceipt', { ...invoiceBody(), DepositToAccountRef: { value: '6' } });
    expect(rr.json.RefundReceipt).toMatchObject({ TotalAmt: 70.2, Balance: 0, DepositToAccountRef: { value: '6', name: 'Checking' } });
    const id = rr.json.RefundReceipt.Id;
    expect((await get(`refundreceipt/${id}`)).json.RefundReceipt.Id).toBe(id);
    const upd = await post('refundreceipt', { Id: id, SyncToken: '0', sparse: true, PrivateNote: 'r' });
    expect(upd.json.RefundReceipt.SyncToken).toBe('1');
    const voided = await post('refundreceipt?operation=void', { Id: id, SyncToken: '1' });
    expect(voided.status).toBe(400);
    const del = await post('refundreceipt?operation=delete', { Id: id, SyncToken: '1' });
    expect(del.json.RefundReceipt.status).toBe('Deleted');
  });
});

describe('read-only entities', () => {
  it('serves CompanyInfo, Preferences, TaxCode, Account, PaymentMethod; refuses writes', async () => {
    const info = await get(`companyinfo/${REALM}`);
    expect(info.json.CompanyInfo.CompanyName).toBeTypeOf('string');
    const prefs = await get('preferences');
    expect(prefs.json.Preferences.CurrencyPrefs.HomeCurrency.value).toBe('USD');
    expect((await get('taxcode/TAX')).json.TaxCode.Name).toBe('TAX');
    expect((await get('account/6')).json.Account.Name).toBe('Checking');
    expect((await get('paymentmethod/1')).json.PaymentMethod.Name).toBeTypeOf('string');
    const write = await post('account', { Name: 'New' });
    expect(write.status).toBe(400);
    expect(write.json.Fault.Error[0].code).toBe('500');
  });

  it('URL entity names are lower-case only', async () => {
    const r = await get('Invoice/1');
    expect(r.status).toBe(400);
    expect(r.json.Fault).toBeDefined();
  });
});
