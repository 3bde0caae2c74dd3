import { describe, expect, it } from 'vitest';
import { newCompanyBooks, emptyBusiness } from '../../../sandbox/seed';

describe('newCompanyBooks', () => {
  const books = newCompanyBooks('4620816365151120500');

  it('has no customers, items or transactions', () => {
    for (const key of ['Customer', 'Item', 'Invoice', 'SalesReceipt', 'Payment', 'CreditMemo', 'RefundReceipt'] as const) {
      expect(books[key], key).toEqual([]);
    }
    expect(books.realmId).toBe('4620816365151120500');
  });

  it('has the default chart of accounts with types, subtypes, classifications and zero balances', () => {
    const byName = new Map(books.Account.map((a) => [a.Name, a]));
    const expected: Array<[string, string, string, string]> = [
      ['Accounts Receivable (A/R)', 'Accounts Receivable', 'AccountsReceivable', 'Asset'],
      ['Undeposited Funds', 'Other Current Asset', 'UndepositedFunds', 'Asset'],
      ['Checking', 'Bank', 'Checking', 'Asset'],
      ['Inventory Asset', 'Other Current Asset', 'Inventory', 'Asset'],
      ['Uncategorized Asset', 'Other Current Asset', 'OtherCurrentAssets', 'Asset'],
      ['Sales Tax Payable', 'Other Current Liability', 'SalesTaxPayable', 'Liability'],
      ['Opening Balance Equity', 'Equity', 'OpeningBalanceEquity', 'Equity'],
      ['Retained Earnings', 'Equity', 'RetainedEarnings', 'Equity'],
      ['Sales of Product Income', 'Income', 'SalesOfProductIncome', 'Revenue'],
      ['Services', 'Income', 'ServiceFeeIncome', 'Revenue'],
      ['Shipping Income', 'Income', 'OtherPrimaryIncome', 'Revenue'],
      ['Discounts given', 'Income', 'DiscountsRefundsGiven', 'Revenue'],
      ['Uncategorized Income', 'Income', 'OtherPrimaryIncome', 'Revenue'],
      ['Cost of Goods Sold', 'Cost of Goods Sold', 'SuppliesMaterialsCogs', 'Expense'],
      ['Uncategorized Expense', 'Expense', 'OtherMiscellaneousServiceCost', 'Expense'],
    ];
    for (const [name, type, sub, cls] of expected) {
      const a = byName.get(name);
      expect(a, name).toBeDefined();
      expect(a).toMatchObject({ AccountType: type, AccountSubType: sub, Classification: cls, CurrentBalance: 0, Active: true });
      expect(a?.CurrencyRef).toEqual({ value: 'USD', name: 'United States Dollar' });
    }
    const ids = books.Account.map((a) => a.Id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^\d+$/.test(id))).toBe(true);
    expect(new Set(books.Account.map((a) => a.Name)).size).toBe(books.Account.length);
  });

  it('has the US tax codes TAX and NON, no tax rates yet, and the seven default payment methods', () => {
    expect(books.TaxCode.map((t) => [t.Id, t.Name, t.Taxable])).toEqual([['TAX', 'TAX', true], ['NON', 'NON', false]]);
    expect(books.TaxRate).toEqual([]);
    expect(books.PaymentMethod.map((p) => [p.Name, p.Type])).toEqual([
      ['Cash', 'NON_CREDIT_CARD'], ['Check', 'NON_CREDIT_CARD'], ['Visa', 'CREDIT_CARD'], ['MasterCard', 'CREDIT_CARD'],
      ['Discover', 'CREDIT_CARD'], ['American Express', 'CREDIT_CARD'], ['Diners Club', 'CREDIT_CARD'],
    ]);
  });

  it('has US company info and preferences with multicurrency off and USD home currency', () => {
    expect(books.CompanyInfo).toMatchObject({ Country: 'US', FiscalYearStartMonth: 'January', SupportedLanguages: 'en', Id: '1' });
    expect(Array.isArray(books.CompanyInfo.NameValue)).toBe(true);
    const prefs = books.Preferences as Record<string, Record<string, unknown>>;
    expect(prefs.CurrencyPrefs).toEqual({ MultiCurrencyEnabled: false, HomeCurrency: { value: 'USD' } });
    expect(prefs.SalesFormsPrefs).toMatchObject({ CustomTxnNumbers: false, AllowDiscount: false });
    expect(Array.isArray(prefs.SalesFormsPrefs?.CustomField)).toBe(true);
    expect(prefs.TaxPrefs).toMatchObject({ UsingSalesTax: false });
    expect(prefs.AccountingInfoPrefs).toMatchObject({ FirstMonthOfFiscalYear: 'January' });
    expect(books.timeZone).toBe('America/Chicago');
  });

  it('honours the company name and sign-up instant and is deterministic', () => {
    const a = newCompanyBooks('1', { companyName: 'Acme Goods', now: new Date('2026-03-10T18:00:00Z') });
    expect(a.CompanyInfo.CompanyName).toBe('Acme Goods');
    expect(a.CompanyInfo.CompanyStartDate).toBe('2026-03-10');
    // 18:00Z on 10 March 2026 is 11:00 PDT (DST began 8 March).
    expect((a.Account[0]?.MetaData as { CreateTime: string }).CreateTime).toBe('2026-03-10T11:00:00-07:00');
    expect(newCompanyBooks('1', { companyName: 'Acme Goods', now: new Date('2026-03-10T18:00:00Z') })).toEqual(a);
  });

  it('emptyBusiness is a new company with a store of no orders', () => {
    const e = emptyBusiness({ realmId: '77' });
    expect(e.store.orders).toEqual([]);
    expect(e.expected).toEqual([]);
    expect(e.books.realmId).toBe('77');
    expect(e.books.SalesReceipt).toEqual([]);
  });
});
