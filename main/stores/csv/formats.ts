/**
 * The two order CSV layouts the import reads, as maps from what the importer needs ("logical
 * fields") to header names. Headers are matched by name, ignoring case and surrounding spaces, in
 * any order; columns the map does not name are ignored.
 */

export type OrderField =
  | 'key' | 'number' | 'email' | 'customerName' | 'phone' | 'financialStatus' | 'paidAt' | 'fulfilledAt'
  | 'currency' | 'presentmentCurrency' | 'presentmentTotal' | 'shipping' | 'shippingMethod' | 'totalTax' | 'total'
  | 'discountCode' | 'discountAmount' | 'createdAt' | 'updatedAt' | 'processedAt' | 'cancelledAt'
  | 'paymentGateway' | 'paymentReference' | 'paymentId' | 'refundedAmount' | 'refundedAt' | 'test';

export type AddressField = 'name' | 'company' | 'street' | 'address1' | 'address2' | 'city' | 'zip' | 'province' | 'country' | 'phone';

export type LineField = 'quantity' | 'title' | 'unitPrice' | 'sku' | 'discount' | 'tax' | 'total';

export const TAX_SLOTS = 5;

export interface CsvFormat {
  id: 'shopify' | 'generic';
  label: string;
  /** Default name of the store connection an import of this format goes to. */
  defaultStoreName: string;
  order: Partial<Record<OrderField, string>>;
  billing: Partial<Record<AddressField, string>>;
  shippingAddress: Partial<Record<AddressField, string>>;
  line: Partial<Record<LineField, string>>;
  taxName: (slot: number) => string;
  taxAmount: (slot: number) => string;
  /** Logical fields whose column must exist in the header. */
  requiredColumns: Array<OrderField | `line.${LineField}`>;
}

function address(prefix: string, words: Record<AddressField, string>): Record<AddressField, string> {
  return Object.fromEntries(Object.entries(words).map(([k, v]) => [k, `${prefix}${v}`])) as Record<AddressField, string>;
}

export const shopifyExport: CsvFormat = {
  id: 'shopify',
  label: 'Shopify order export',
  defaultStoreName: 'Shopify CSV import',
  order: {
    key: 'Name',
    number: 'Name',
    email: 'Email',
    phone: 'Phone',
    financialStatus: 'Financial Status',
    paidAt: 'Paid at',
    fulfilledAt: 'Fulfilled at',
    currency: 'Currency',
    shipping: 'Shipping',
    shippingMethod: 'Shipping Method',
    totalTax: 'Taxes',
    total: 'Total',
    discountCode: 'Discount Code',
    discountAmount: 'Discount Amount',
    createdAt: 'Created at',
    cancelledAt: 'Cancelled at',
    paymentGateway: 'Payment Method',
    paymentReference: 'Payment Reference',
    paymentId: 'Payment ID',
    refundedAmount: 'Refunded Amount',
    test: 'Test',
  },
  billing: address('Billing ', { name: 'Name', company: 'Company', street: 'Street', address1: 'Address1', address2: 'Address2', city: 'City', zip: 'Zip', province: 'Province', country: 'Country', phone: 'Phone' }),
  shippingAddress: address('Shipping ', { name: 'Name', company: 'Company', street: 'Street', address1: 'Address1', address2: 'Address2', city: 'City', zip: 'Zip', province: 'Province', country: 'Country', phone: 'Phone' }),
  line: { quantity: 'Lineitem quantity', title: 'Lineitem name', unitPrice: 'Lineitem price', sku: 'Lineitem sku', discount: 'Lineitem discount' },
  taxName: (slot) => `Tax ${slot} Name`,
  taxAmount: (slot) => `Tax ${slot} Value`,
  requiredColumns: ['key', 'currency', 'total', 'createdAt', 'line.quantity', 'line.title', 'line.unitPrice'],
};

export const genericCsv: CsvFormat = {
  id: 'generic',
  label: 'generic order CSV',
  defaultStoreName: 'CSV import',
  order: {
    key: 'order_id',
    number: 'order_number',
    email: 'email',
    customerName: 'customer_name',
    phone: 'phone',
    financialStatus: 'financial_status',
    paidAt: 'paid_at',
    currency: 'currency',
    presentmentCurrency: 'presentment_currency',
    presentmentTotal: 'presentment_total',
    shipping: 'shipping',
    shippingMethod: 'shipping_method',
    totalTax: 'total_tax',
    total: 'total',
    discountCode: 'discount_code',
    discountAmount: 'discount_amount',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
    processedAt: 'processed_at',
    cancelledAt: 'cancelled_at',
    paymentGateway: 'payment_gateway',
    paymentReference: 'payment_reference',
    refundedAmount: 'refunded_amount',
    refundedAt: 'refunded_at',
    test: 'test',
  },
  billing: address('billing_', { name: 'name', company: 'company', street: 'street', address1: 'address1', address2: 'address2', city: 'city', zip: 'zip', province: 'province', country: 'country', phone: 'phone' }),
  shippingAddress: address('shipping_', { name: 'name', company: 'company', street: 'street', address1: 'address1', address2: 'address2', city: 'city', zip: 'zip', province: 'province', country: 'country', phone: 'phone' }),
  line: { quantity: 'line_quantity', title: 'line_title', unitPrice: 'line_unit_price', sku: 'line_sku', discount: 'line_discount', tax: 'line_tax', total: 'line_total' },
  taxName: (slot) => `tax_${slot}_name`,
  taxAmount: (slot) => `tax_${slot}_amount`,
  requiredColumns: ['key', 'currency', 'total', 'createdAt', 'line.quantity', 'line.title', 'line.unitPrice'],
};
