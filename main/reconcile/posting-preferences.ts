/**
 * How Ledgerbridge posts one store's orders to QuickBooks (per store connection, non-secret, in
 * settings). Ids are QBO Ids from the company's mirror. Nothing is guessed: a proposal that needs
 * a preference that is not set names it instead of being built.
 */
import { z } from 'zod';

export const postingPreferencesSchema = z
  .object({
    /** Orders paid at checkout become a Sales Receipt (default) or an Invoice + Payment. */
    paidOrdersAs: z.enum(['sales_receipt', 'invoice']).default('sales_receipt'),
    /** The Service item shipping is posted to. */
    shippingItemId: z.string().min(1).optional(),
    /** Account for the discount line (QBO's company default when absent). */
    discountAccountId: z.string().min(1).optional(),
    /** Item for the one-cent line that makes totals agree when QBO's tax rounds differently. */
    roundingItemId: z.string().min(1).optional(),
    /** Income account for items Ledgerbridge creates for unknown SKUs. */
    incomeAccountId: z.string().min(1).optional(),
    /** Where receipts and payments are deposited (e.g. Undeposited Funds, a clearing account). */
    depositAccountId: z.string().min(1).optional(),
    /** Per payment gateway (`shopify_payments`, `paypal`, `manual`…), overriding depositAccountId. */
    depositAccountByGateway: z.record(z.string(), z.string().min(1)).default({}),
    /**
     * The order's tax lines (their titles joined with " + ", in order) → the QBO TaxCode Id that
     * carries exactly those rates. Ledgerbridge does not compute tax; it maps.
     */
    taxCodes: z.record(z.string(), z.string().min(1)).default({}),
    /** Line-level TaxCodeRef for taxable and non-taxable lines (US companies: TAX / NON). */
    taxableLineTaxCode: z.string().min(1).default('TAX'),
    nonTaxableLineTaxCode: z.string().min(1).default('NON'),
  })
  .strict();

export type PostingPreferences = z.output<typeof postingPreferencesSchema>;

export const defaultPostingPreferences = (): PostingPreferences => postingPreferencesSchema.parse({});

/** The key `taxCodes` is looked up by. */
export function taxSignature(taxLineTitles: readonly string[]): string {
  return taxLineTitles.join(' + ');
}
