/**
 * The seeded company's books as they grow: the new company plus what its bookkeeper set up (sales
 * tax, items for every SKU, a PayPal payment method, custom transaction numbers), customers created
 * on first use (found by email), and one shared transaction-Id sequence like QBO's. Balances
 * (accounts, customers) are derived from the documents at the end, so they can never disagree.
 */
import type { QboEntityJson, SeedAddress, SeedBooks } from './types';
import type { Buyer } from './plan';
import { DESTINATIONS, RENAMED_CUSTOMER, STORE, VARIANTS, itemName, type Variant } from './catalogue';
import { USD_REF, newCompanyBooks } from './new-company';
import { qboAmount } from './money';
import { qboTime } from './time';

export interface Ref {
  readonly value: string;
  readonly name?: string;
}

interface CustomerEntry {
  ref: Ref;
  entity: QboEntityJson;
  createdMs: number;
}

const meta = (createMs: number, updateMs = createMs): { CreateTime: string; LastUpdatedTime: string } => {
  const created = qboTime(createMs);
  return { CreateTime: created, LastUpdatedTime: updateMs === createMs ? created : qboTime(updateMs) };
};

/** Frozen: documents share ref objects (see qbo-docs.ts). */
const ref = (value: string, name: string): Ref => Object.freeze({ value, name });

export class Ledger {
  readonly books: SeedBooks;
  private readonly accountRefs = new Map<string, Ref>();
  private readonly itemRefs = new Map<string, { ref: Ref; income: Ref }>();
  readonly shippingItem: { ref: Ref; income: Ref };
  readonly genericItem: { ref: Ref; income: Ref };
  readonly discountAccount: Ref;
  readonly undepositedFunds: Ref;
  private readonly taxCodeByDest = new Map<string, Ref>();
  private readonly taxRateByTitle = new Map<string, { ref: Ref; percent: number }>();
  private readonly paymentMethods = new Map<string, Ref>();
  private readonly customers = new Map<string, CustomerEntry>();
  private readonly displayNames = new Set<string>();
  private readonly entries: CustomerEntry[] = [];
  private nextTxnId = 1;
  private nextAddrId = 2;

  constructor(realmId: string, companyCreatedMs: number, setupMs: number) {
    this.books = newCompanyBooks(realmId, { companyName: STORE.name, now: new Date(companyCreatedMs) });
    for (const a of this.books.Account) this.accountRefs.set(a.Name as string, ref(a.Id, a.Name as string));
    for (const p of this.books.PaymentMethod) this.paymentMethods.set(p.Name as string, ref(p.Id, p.Name as string));
    this.discountAccount = this.account('Discounts given');
    this.undepositedFunds = this.account('Undeposited Funds');
    this.setUpCompany(setupMs);
    this.setUpTaxes(setupMs);
    this.setUpItems(setupMs);
    this.shippingItem = this.itemRefs.get('shipping') as { ref: Ref; income: Ref };
    this.genericItem = this.itemRefs.get('online-sales') as { ref: Ref; income: Ref };
  }

  account(name: string): Ref {
    const r = this.accountRefs.get(name);
    if (!r) throw new Error(`no account ${name}`);
    return r;
  }

  paymentMethod(name: string | null): Ref | null {
    return name === null ? null : (this.paymentMethods.get(name) ?? null);
  }

  item(v: Variant): { ref: Ref; income: Ref } {
    return this.itemRefs.get(v.variantId) as { ref: Ref; income: Ref };
  }

  taxCode(destKey: string): Ref | null {
    return this.taxCodeByDest.get(destKey) ?? null;
  }

  taxRate(title: string): { ref: Ref; percent: number } {
    return this.taxRateByTitle.get(title) as { ref: Ref; percent: number };
  }

  txnId(): string {
    return String(this.nextTxnId++);
  }

  address(a: SeedAddress): Record<string, string> {
    const out: Record<string, string> = { Id: String(this.nextAddrId++), Line1: a.address1 };
    if (a.address2) out.Line2 = a.address2;
    out.City = a.city;
    if (a.countryCode !== 'US') out.Country = a.country;
    if (a.provinceCode) out.CountrySubDivisionCode = a.provinceCode;
    out.PostalCode = a.zip;
    return out;
  }

  /** The QBO customer for a buyer: found by email, else created (as the bookkeeper or Ledgerbridge would). */
  customer(buyer: Buyer, createMs: number): Ref {
    const found = this.customers.get(buyer.key);
    if (found) {
      this.touch(found, createMs);
      return found.ref;
    }
    const plain = `${buyer.firstName} ${buyer.lastName}`;
    let display = buyer.renamed ? RENAMED_CUSTOMER.qboDisplayName : plain;
    if (this.displayNames.has(display)) display = `${plain} (${buyer.email})`;
    this.displayNames.add(display);
    const id = String(this.books.Customer.length + 1);
    const entity: QboEntityJson = {
      Taxable: true,
      BillAddr: this.address(buyer.address),
      ShipAddr: this.address(buyer.address),
      Job: false,
      BillWithParent: false,
      Balance: 0,
      BalanceWithJobs: 0,
      CurrencyRef: USD_REF,
      PreferredDeliveryMethod: 'Print',
      IsProject: false,
      domain: 'QBO',
      sparse: false,
      Id: id,
      SyncToken: '0',
      MetaData: meta(createMs),
      GivenName: buyer.firstName,
      FamilyName: buyer.lastName,
      FullyQualifiedName: display,
      DisplayName: display,
      PrintOnCheckName: buyer.renamed ? RENAMED_CUSTOMER.qboCompanyName : plain,
      Active: true,
      PrimaryEmailAddr: { Address: buyer.email },
    };
    if (buyer.renamed) entity.CompanyName = RENAMED_CUSTOMER.qboCompanyName;
    if (buyer.phone) entity.PrimaryPhone = { FreeFormNumber: buyer.phone };
    this.books.Customer.push(entity);
    const r = ref(id, display);
    const entry = { ref: r, entity, createdMs: createMs };
    this.customers.set(buyer.key, entry);
    this.entries.push(entry);
    return r;
  }

  /** A customer other than `notThis`, for documents posted to the wrong customer. */
  anotherCustomer(notThis: string, pick: (n: number) => number, createMs: number): Ref {
    const n = this.entries.length;
    if (n < 2) throw new Error('no other customer yet');
    const chosen = this.entries[pick(n - 1)] as CustomerEntry;
    const e = chosen.ref.value === notThis ? (this.entries[n - 1] as CustomerEntry) : chosen;
    this.touch(e, createMs);
    return e.ref;
  }

  /** A customer exists from the earliest document that names it (documents are entered with lags). */
  private touch(e: CustomerEntry, createMs: number): void {
    if (createMs < e.createdMs) {
      e.createdMs = createMs;
      e.entity.MetaData = meta(createMs);
    }
  }

  customerCount(): number {
    return this.customers.size;
  }

  private setUpCompany(ms: number): void {
    const info = this.books.CompanyInfo;
    info.LegalName = STORE.legalName;
    info.Email = { Address: 'books@harbor-goods.example.com' };
    info.CustomerCommunicationEmailAddr = { Address: 'hello@harbor-goods.example.com' };
    info.WebAddr = { URI: 'https://harbor-goods.example.com' };
    info.PrimaryPhone = { FreeFormNumber: '(512) 555-0142' };
    info.SyncToken = '1';
    info.MetaData = meta(Date.parse((info.MetaData as { CreateTime: string }).CreateTime), ms);
    (info.NameValue as Array<{ Name: string; Value: string }>).forEach((nv) => {
      if (nv.Name === 'SubscriptionStatus') nv.Value = 'PAID';
    });
    const prefs = this.books.Preferences as Record<string, Record<string, unknown>>;
    // The bookkeeper turned on custom numbers (so DocNumber can be the order name) and discounts.
    (prefs.SalesFormsPrefs as Record<string, unknown>).CustomTxnNumbers = true;
    (prefs.SalesFormsPrefs as Record<string, unknown>).AllowDiscount = true;
    (prefs.SalesFormsPrefs as Record<string, unknown>).AllowShipping = false;
    prefs.TaxPrefs = { UsingSalesTax: true, PartnerTaxEnabled: true, TaxGroupCodeRef: { value: '2' } };
    (prefs as Record<string, unknown>).SyncToken = '3';
    (prefs as Record<string, unknown>).MetaData = meta(
      Date.parse(((prefs as Record<string, unknown>).MetaData as { CreateTime: string }).CreateTime), ms,
    );
    const id = String(this.books.PaymentMethod.length + 1);
    this.books.PaymentMethod.push({ Name: 'PayPal', Active: true, Type: 'NON_CREDIT_CARD', domain: 'QBO', sparse: false, Id: id, SyncToken: '0', MetaData: meta(ms) });
    this.paymentMethods.set('PayPal', ref(id, 'PayPal'));
  }

  private setUpTaxes(ms: number): void {
    for (const d of DESTINATIONS) {
      if (d.taxes.length === 0) continue;
      const details: unknown[] = [];
      for (const t of d.taxes) {
        let rate = this.taxRateByTitle.get(t.title);
        if (!rate) {
          const id = String(this.books.TaxRate.length + 1);
          const percent = Math.round(Number(t.rate) * 1_000_000) / 10_000;
          const name = t.title.replace(/ Tax$/, '');
          this.books.TaxRate.push({
            Name: name, Description: t.title, Active: true, RateValue: percent, SpecialTaxType: 'NONE',
            DisplayType: 'ReadOnly', EffectiveTaxRate: [{ RateValue: percent, EffectiveDate: '2026-01-01T00:00:00-08:00' }],
            domain: 'QBO', sparse: false, Id: id, SyncToken: '0', MetaData: meta(ms),
          });
          rate = { ref: Object.freeze({ value: id }) as Ref, percent };
          this.taxRateByTitle.set(t.title, rate);
        }
        details.push({ TaxRateRef: { value: rate.ref.value, name: t.title.replace(/ Tax$/, '') }, TaxTypeApplicable: 'TaxOnAmount', TaxOrder: 0 });
      }
      const id = String(this.books.TaxCode.length);
      const name = `${d.city}, ${d.provinceCode}`;
      this.books.TaxCode.push({
        Name: name, Description: `${d.city} combined sales tax`, Active: true, Hidden: false, Taxable: true, TaxGroup: true,
        SalesTaxRateList: { TaxRateDetail: details }, PurchaseTaxRateList: { TaxRateDetail: [] },
        domain: 'QBO', sparse: false, Id: id, SyncToken: '0', MetaData: meta(ms),
      });
      this.taxCodeByDest.set(d.key, Object.freeze({ value: id }) as Ref);
    }
  }

  private setUpItems(ms: number): void {
    const product = this.account('Sales of Product Income');
    const services = this.account('Services');
    const shippingIncome = this.account('Shipping Income');
    const add = (key: string, name: string, sku: string | null, type: string, priceMinor: number, taxable: boolean, income: Ref, desc: string): void => {
      const id = String(this.books.Item.length + 1);
      this.books.Item.push({
        Name: name, ...(sku ? { Sku: sku } : {}), Description: desc, Active: true, FullyQualifiedName: name, Taxable: taxable,
        UnitPrice: qboAmount(priceMinor), Type: type, IncomeAccountRef: { ...income }, PurchaseCost: 0, TrackQtyOnHand: false,
        domain: 'QBO', sparse: false, Id: id, SyncToken: '0', MetaData: meta(ms),
      });
      this.itemRefs.set(key, { ref: ref(id, name), income });
    };
    for (const v of VARIANTS) {
      add(v.variantId, itemName(v), v.sku, v.itemType, v.priceMinor, v.taxable,
        v.itemType === 'Service' ? services : product, itemName(v));
    }
    add('shipping', 'Shipping', null, 'Service', 0, true, shippingIncome, 'Shipping and delivery');
    // What a bookkeeper uses to key in a sale by hand, without item detail.
    add('online-sales', 'Online Sales', null, 'Service', 0, true, product, 'Online store sales');
  }

  /** Account and customer balances from the documents, as QBO would report them. */
  finish(): SeedBooks {
    const b = this.books;
    let ar = 0;
    let uf = 0;
    let tax = 0;
    const perCustomer = new Map<string, number>();
    const cents = (x: unknown): number => Math.round((x as number) * 100);
    const taxOf = (d: QboEntityJson): number => cents((d.TxnTaxDetail as { TotalTax: number }).TotalTax);
    const custOf = (d: QboEntityJson): string => (d.CustomerRef as Ref).value;
    for (const d of b.Invoice) {
      ar += cents(d.Balance);
      tax += taxOf(d);
      perCustomer.set(custOf(d), (perCustomer.get(custOf(d)) ?? 0) + cents(d.Balance));
    }
    for (const d of b.CreditMemo) {
      ar -= cents(d.Balance);
      tax -= taxOf(d);
      perCustomer.set(custOf(d), (perCustomer.get(custOf(d)) ?? 0) - cents(d.Balance));
    }
    for (const d of b.SalesReceipt) {
      uf += cents(d.TotalAmt);
      tax += taxOf(d);
    }
    for (const d of b.RefundReceipt) {
      uf -= cents(d.TotalAmt);
      tax -= taxOf(d);
    }
    for (const d of b.Payment) uf += cents(d.TotalAmt);
    const setBalance = (name: string, minor: number): void => {
      const a = b.Account.find((x) => x.Name === name) as QboEntityJson;
      a.CurrentBalance = qboAmount(minor);
      a.CurrentBalanceWithSubAccounts = qboAmount(minor);
    };
    setBalance('Accounts Receivable (A/R)', ar);
    setBalance('Undeposited Funds', uf);
    setBalance('Sales Tax Payable', tax);
    for (const c of b.Customer) {
      const bal = qboAmount(perCustomer.get(c.Id) ?? 0);
      c.Balance = bal;
      c.BalanceWithJobs = bal;
    }
    return b;
  }
}
