/**
 * The normalised store order: what every source (Shopify, WooCommerce, CSV exports, API2Cart)
 * becomes before it reaches the mirror. Amounts are integer minor units of the order's shop
 * currency unless a field says otherwise; instants are UTC ISO strings. `null` means the source
 * does not say (a Shopify CSV export has no per-line tax, for instance) — never "zero".
 */
import { z } from 'zod';
import { isCurrencyCode } from './currencies';

export const orderSourceSchema = z.enum(['shopify', 'woocommerce', 'csv', 'api2cart']);
export type OrderSource = z.infer<typeof orderSourceSchema>;

export const financialStatusSchema = z.enum(['pending', 'authorized', 'paid', 'partially_paid', 'partially_refunded', 'refunded', 'voided']);
export type FinancialStatus = z.infer<typeof financialStatusSchema>;

/** z.int() is the safe-integer range, so any value here is exact. */
const minor = z.int();
const instant = z.iso.datetime();
const currencyCode = z.string().refine(isCurrencyCode, { message: 'not an ISO 4217 currency code' });
const text = z.string().nullable();

export const addressSchema = z
  .object({
    name: text,
    company: text,
    address1: text,
    address2: text,
    city: text,
    province: text,
    zip: text,
    country: text,
    phone: text,
  })
  .strict();
export type Address = z.infer<typeof addressSchema>;

export const customerSchema = z
  .object({
    email: text,
    name: text,
    phone: text,
    billingAddress: addressSchema.nullable(),
    shippingAddress: addressSchema.nullable(),
  })
  .strict();
export type Customer = z.infer<typeof customerSchema>;

export const orderLineSchema = z
  .object({
    sku: text,
    title: z.string(),
    quantity: z.int().nonnegative(),
    unitPrice: minor,
    /** Discount on the whole line (not per unit). */
    discount: minor,
    tax: minor.nullable(),
    /** quantity × unitPrice − discount, tax excluded unless the shop's prices include tax. */
    total: minor,
  })
  .strict();
export type OrderLine = z.infer<typeof orderLineSchema>;

export const shippingLineSchema = z.object({ title: text, amount: minor, tax: minor.nullable() }).strict();
export type ShippingLine = z.infer<typeof shippingLineSchema>;

export const orderDiscountSchema = z.object({ code: text, amount: minor }).strict();
export type OrderDiscount = z.infer<typeof orderDiscountSchema>;

export const taxLineSchema = z.object({ title: z.string(), amount: minor }).strict();
export type TaxLine = z.infer<typeof taxLineSchema>;

export const refundLineSchema = z.object({ sku: text, title: text, quantity: z.int().nonnegative(), amount: minor }).strict();
export type RefundLine = z.infer<typeof refundLineSchema>;

/** A refund is its own record; it never changes the order's total. */
export const refundSchema = z
  .object({
    id: text,
    /** null when the source reports only a refunded total (Shopify's order export). */
    createdAt: instant.nullable(),
    /** What went back to the customer, tax and shipping included. */
    amount: minor,
    tax: minor.nullable(),
    shipping: minor.nullable(),
    lines: z.array(refundLineSchema),
  })
  .strict();
export type Refund = z.infer<typeof refundSchema>;

export const transactionSchema = z
  .object({
    kind: z.enum(['sale', 'capture', 'refund']),
    gateway: text,
    amount: minor,
    createdAt: instant,
    reference: text,
  })
  .strict();
export type Transaction = z.infer<typeof transactionSchema>;

/** Amounts in the currency the customer saw, kept for the record; the books use the shop currency. */
export const presentmentAmountsSchema = z
  .object({ total: minor, totalTax: minor.nullable(), shipping: minor.nullable(), discounts: minor.nullable() })
  .strict();

export const storeOrderSchema = z
  .object({
    source: orderSourceSchema,
    sourceId: z.string().min(1),
    /** What the merchant and customer call it: `#1001`, `EU-1001`. */
    number: z.string().min(1),
    createdAt: instant,
    updatedAt: instant,
    processedAt: instant.nullable(),
    currency: currencyCode,
    presentmentCurrency: currencyCode,
    /** null when the customer paid in the shop currency or the source does not give the amounts. */
    presentmentAmounts: presentmentAmountsSchema.nullable(),
    customer: customerSchema,
    lines: z.array(orderLineSchema),
    shippingLines: z.array(shippingLineSchema),
    discounts: z.array(orderDiscountSchema),
    taxLines: z.array(taxLineSchema),
    totalTax: minor,
    /** The original total; refunds never reduce it (see netTotal). */
    total: minor,
    financialStatus: financialStatusSchema,
    cancelledAt: instant.nullable(),
    refunds: z.array(refundSchema),
    transactions: z.array(transactionSchema),
    test: z.boolean(),
  })
  .strict();
export type StoreOrder = z.infer<typeof storeOrderSchema>;
