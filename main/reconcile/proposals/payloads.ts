/**
 * QBO payloads built by the posting rules: a sales document from an order (Sales Receipt for
 * orders paid at checkout, Invoice otherwise), the customer found by email before one is
 * created, items by SKU, shipping on the configured item, line discounts as one discount line,
 * tax by TaxCodeRef mapping with the store's TotalTax (Ledgerbridge does not compute tax), the
 * stamp in PrivateNote and the order number as DocNumber. References to things the same bundle
 * creates are placeholders `{ "value": "$new:<step>" }`, resolved when the bundle is pushed.
 */
import { formatMinor } from '../../orders/money';
import { isReceipt, shippingTotal } from '../../orders/net-total';
import { formatStamp } from '../../mirror/qbo/stamp';
import type { Refund, StoreOrder } from '../../orders/store-order';
import { taxSignature, type PostingPreferences } from '../posting-preferences';
import type { QboLookup } from './lookup';

export type Json = Record<string, unknown>;

export interface ProposedWrite {
  /** Bundle step name: `customer`, `item:<SKU>`, `document`, `payment`, `refund:<n>`, … */
  step: string;
  entity: 'Customer' | 'Item' | 'SalesReceipt' | 'Invoice' | 'Payment' | 'RefundReceipt' | 'CreditMemo';
  operation: 'create' | 'update' | 'void';
  payload: Json;
  why: string;
}

export interface MissingSetting {
  /** The setting to fill in, e.g. `stores[shop-1].posting.shippingItemId`. */
  setting: string;
  why: string;
}

export class Builder {
  readonly writes: ProposedWrite[] = [];
  readonly missing: MissingSetting[] = [];
  private readonly steps = new Set<string>();

  constructor(
    readonly order: StoreOrder,
    readonly prefs: PostingPreferences,
    readonly lookup: QboLookup,
    readonly settingPrefix: string,
  ) {}

  amount(minor: number): number {
    return Number(formatMinor(minor, this.order.currency));
  }

  need(setting: keyof PostingPreferences | string, why: string): void {
    const name = `${this.settingPrefix}.${setting}`;
    if (!this.missing.some((m) => m.setting === name)) this.missing.push({ setting: name, why });
  }

  add(write: ProposedWrite): void {
    if (this.steps.has(write.step)) return;
    this.steps.add(write.step);
    this.writes.push(write);
  }

  stamp(): string {
    return formatStamp(this.order.source, this.order.sourceId);
  }

  docNumber(suffix = ''): string {
    return `${this.order.number}${suffix}`.slice(0, 21);
  }

  /** The customer with the order's email, or a create step for one. */
  customerRef(): Json {
    const c = this.order.customer;
    const email = c.email?.trim().toLowerCase() || null;
    if (email) {
      const found = this.lookup.customerByEmail(email);
      if (found) return { value: found.id, name: found.displayName };
    }
    const name = c.name?.trim() || email || `Store customer ${this.order.number}`;
    // DisplayName is unique across customers, vendors and employees in QBO (error 6240).
    const display = this.lookup.customerNameTaken(name) && email ? `${name} (${email})` : name;
    const [given, ...family] = (c.name ?? '').trim().split(/\s+/);
    const payload: Json = { DisplayName: display };
    if (given) payload.GivenName = given;
    if (family.length) payload.FamilyName = family.join(' ');
    if (email) payload.PrimaryEmailAddr = { Address: c.email };
    if (c.billingAddress) payload.BillAddr = address(c.billingAddress);
    this.add({ step: 'customer', entity: 'Customer', operation: 'create', payload, why: email ? `no QuickBooks customer has the email ${email}` : 'the order names no email to find a customer by' });
    return { value: '$new:customer' };
  }

  /** The item for a product: by SKU, or (no SKU) by name; otherwise a create step. */
  itemRef(sku: string | null, title: string, unitPrice: number): Json {
    const found = sku !== null ? this.lookup.itemBySku(sku) : this.lookup.itemByName(title);
    if (found) return { value: found.id, name: found.name };
    const step = `item:${sku ?? title}`;
    if (!this.prefs.incomeAccountId) this.need('incomeAccountId', `the order has a product QuickBooks does not know (${sku ?? title}), and a new item needs an income account`);
    const payload: Json = { Name: sku ? `${title} (${sku})`.slice(0, 100) : title.slice(0, 100), Type: 'NonInventory', UnitPrice: this.amount(unitPrice) };
    if (sku) payload.Sku = sku;
    if (this.prefs.incomeAccountId) payload.IncomeAccountRef = { value: this.prefs.incomeAccountId };
    this.add({ step, entity: 'Item', operation: 'create', payload, why: sku ? `no QuickBooks item has the SKU ${sku}` : `no QuickBooks item is named ${title}` });
    return { value: `$new:${step}` };
  }

  taxCode(taxable: boolean): Json {
    return { value: taxable ? this.prefs.taxableLineTaxCode : this.prefs.nonTaxableLineTaxCode };
  }

  depositAccount(): Json | null {
    const gateway = this.order.transactions.find(isReceipt)?.gateway ?? null;
    const id = (gateway !== null ? this.prefs.depositAccountByGateway[gateway] : undefined) ?? this.prefs.depositAccountId;
    if (!id) {
      this.need('depositAccountId', `money received for the order (gateway ${gateway ?? 'unknown'}) must be deposited to an account`);
      return null;
    }
    return { value: id };
  }

  shippingItem(): Json | null {
    if (!this.prefs.shippingItemId) {
      this.need('shippingItemId', 'the order charges shipping, which is posted on the company\'s shipping item');
      return null;
    }
    return { value: this.prefs.shippingItemId };
  }

  taxDetail(totalTax: number): Json {
    if (totalTax === 0) return { TotalTax: 0 };
    const signature = taxSignature(this.order.taxLines.map((t) => t.title));
    const code = this.prefs.taxCodes[signature];
    if (!code) {
      this.need(`taxCodes[${JSON.stringify(signature)}]`, `the order's tax (${signature || 'untitled'}) must map to a QuickBooks tax code; Ledgerbridge does not compute tax`);
      return { TotalTax: this.amount(totalTax) };
    }
    return { TxnTaxCodeRef: { value: code }, TotalTax: this.amount(totalTax) };
  }

  header(type: string, customer: Json, txnDate: string, docNumber: string): Json {
    const doc: Json = {
      DocNumber: docNumber,
      TxnDate: txnDate,
      PrivateNote: this.stamp(),
      CustomerRef: customer,
      CurrencyRef: { value: this.order.currency },
    };
    if (this.order.customer.email) doc.BillEmail = { Address: this.order.customer.email };
    if (type === 'SalesReceipt' || type === 'RefundReceipt') {
      const deposit = this.depositAccount();
      if (deposit) doc.DepositToAccountRef = deposit;
    }
    return doc;
  }

  /** The lines of the sale: products gross, shipping, one discount line for the line discounts. */
  saleLines(): Json[] {
    const o = this.order;
    const lines: Json[] = o.lines.map((l) => ({
      DetailType: 'SalesItemLineDetail',
      Amount: this.amount(l.unitPrice * l.quantity),
      Description: l.title,
      SalesItemLineDetail: { ItemRef: this.itemRef(l.sku, l.title, l.unitPrice), Qty: l.quantity, UnitPrice: this.amount(l.unitPrice), TaxCodeRef: this.taxCode((l.tax ?? 0) > 0) },
    }));
    const shipping = shippingTotal(o);
    if (shipping !== 0) {
      const item = this.shippingItem();
      const taxed = o.shippingLines.some((s) => (s.tax ?? 0) > 0);
      lines.push({
        DetailType: 'SalesItemLineDetail',
        Amount: this.amount(shipping),
        Description: o.shippingLines.map((s) => s.title).filter(Boolean).join(', ') || 'Shipping',
        SalesItemLineDetail: { ItemRef: item ?? { value: '' }, Qty: 1, UnitPrice: this.amount(shipping), TaxCodeRef: this.taxCode(taxed) },
      });
    }
    const discount = o.lines.reduce((n, l) => n + l.discount, 0);
    if (discount !== 0) {
      const detail: Json = { PercentBased: false };
      if (this.prefs.discountAccountId) detail.DiscountAccountRef = { value: this.prefs.discountAccountId };
      lines.push({ DetailType: 'DiscountLineDetail', Amount: this.amount(discount), Description: o.discounts.map((d) => d.code).filter(Boolean).join(', ') || 'Discount', DiscountLineDetail: detail });
    }
    return lines;
  }

  /** A refund's lines: refunded products at their refunded amounts, refunded shipping. */
  refundLines(r: Refund): Json[] {
    const lines: Json[] = r.lines.map((l) => {
      const match = this.order.lines.find((x) => (l.sku !== null ? x.sku === l.sku : x.title === l.title));
      const unit = match?.unitPrice ?? (l.quantity > 0 ? Math.round(l.amount / l.quantity) : l.amount);
      const qty = l.quantity > 0 ? l.quantity : 1;
      const exact = l.amount % qty === 0;
      return {
        DetailType: 'SalesItemLineDetail',
        Amount: this.amount(l.amount),
        Description: `Refund: ${l.title ?? l.sku ?? 'item'}`,
        SalesItemLineDetail: {
          ItemRef: this.itemRef(l.sku, l.title ?? l.sku ?? 'item', unit),
          Qty: exact ? qty : 1,
          UnitPrice: this.amount(exact ? l.amount / qty : l.amount),
          TaxCodeRef: this.taxCode((match?.tax ?? 0) > 0),
        },
      };
    });
    const shipping = r.shipping ?? 0;
    if (shipping > 0) {
      const item = this.shippingItem();
      lines.push({ DetailType: 'SalesItemLineDetail', Amount: this.amount(shipping), Description: 'Refund: shipping', SalesItemLineDetail: { ItemRef: item ?? { value: '' }, Qty: 1, UnitPrice: this.amount(shipping), TaxCodeRef: this.taxCode(false) } });
    }
    return lines;
  }
}

function address(a: NonNullable<StoreOrder['customer']['billingAddress']>): Json {
  const out: Json = {};
  if (a.address1) out.Line1 = a.address1;
  if (a.address2) out.Line2 = a.address2;
  if (a.city) out.City = a.city;
  if (a.province) out.CountrySubDivisionCode = a.province;
  if (a.zip) out.PostalCode = a.zip;
  if (a.country) out.Country = a.country;
  return out;
}
