/**
 * The Admin API version Ledgerbridge is written against. Shopify supports each quarterly version
 * for at least twelve months and silently serves the oldest supported one after that, so the
 * pin is moved forward deliberately, with the normaliser re-checked, never floated to "latest".
 */
export const SHOPIFY_API_VERSION = '2025-07';

/** `your-shop.myshopify.com` (lower case, no scheme or path), or null when `text` is not one. */
export function normaliseShopDomain(text: string): string | null {
  let host = text.trim().toLowerCase();
  host = host.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  if (/^[a-z0-9][a-z0-9-]*$/.test(host)) host = `${host}.myshopify.com`;
  return /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)+$/.test(host) ? host : null;
}

export function graphqlEndpoint(shopDomain: string, version: string = SHOPIFY_API_VERSION): string {
  return `https://${shopDomain}/admin/api/${version}/graphql.json`;
}
