/**
 * The sandbox's fixed credentials. They are derived from constant labels, not random, so an app
 * configured once against the sandbox keeps working across restarts (they guard nothing: every
 * server listens on 127.0.0.1 only).
 */
import { createHash } from 'node:crypto';

function hex(label: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i += 1) out += createHash('sha256').update(`ledgerbridge-sandbox/${label}/${i}`).digest('hex');
  return out.slice(0, length);
}

export const SANDBOX_CREDENTIALS = {
  /** Intuit client ids are 50 characters starting with "AB". */
  intuitClientId: `AB${hex('intuit-client-id', 48)}`,
  intuitClientSecret: hex('intuit-client-secret', 40),
  intuitAppName: 'Ledgerbridge (sandbox)',
  /** Loopback on any port and path, as Intuit development keys allow localhost. */
  intuitRedirectUris: ['http://127.0.0.1:*/*', 'http://localhost:*/*'],
  shopifyAccessToken: `shpat_${hex('shopify-access-token', 32)}`,
  wooConsumerKey: `ck_${hex('woo-consumer-key', 40)}`,
  wooConsumerSecret: `cs_${hex('woo-consumer-secret', 40)}`,
  api2cartApiKey: hex('api2cart-api-key', 32),
} as const;
