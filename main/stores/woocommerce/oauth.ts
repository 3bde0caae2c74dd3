/**
 * OAuth 1.0a "one-legged" request signing as WooCommerce checks it over plain HTTP
 * (store-apis.md B): no token, signing key = consumer secret + "&", HMAC-SHA256, parameters in
 * the query string, a fresh nonce and a timestamp the site accepts within ±15 minutes.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** RFC 3986 percent-encoding (PHP rawurlencode), which the signature base string requires. */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface OAuthInput {
  method: string;
  /** Scheme, host and path exactly as requested, no query. */
  baseUrl: string;
  params: Record<string, string>;
  consumerKey: string;
  consumerSecret: string;
  nowMs: number;
}

/** The request's query parameters with the oauth_* ones (signature included) added. */
export function signOAuth(input: OAuthInput): Record<string, string> {
  const params: Record<string, string> = {
    ...input.params,
    oauth_consumer_key: input.consumerKey,
    oauth_nonce: randomBytes(16).toString('hex'),
    oauth_signature_method: 'HMAC-SHA256',
    oauth_timestamp: String(Math.floor(input.nowMs / 1000)),
  };
  const normalised = Object.keys(params)
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(params[k]!)}`)
    .join('&');
  const base = `${input.method.toUpperCase()}&${rfc3986(input.baseUrl)}&${rfc3986(normalised)}`;
  params['oauth_signature'] = createHmac('sha256', `${input.consumerSecret}&`).update(base).digest('base64');
  return params;
}
