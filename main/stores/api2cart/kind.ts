/**
 * API2Cart as a store connection kind: the account's API key and the store's key, both secret
 * (they live in the keychain with the other store credentials), and the API address — API2Cart's
 * own unless `--url` points at the local stand-in.
 */
import type { StoreKindDefinition } from '../kinds';
import { API2CART_BASE_URL, normaliseBaseUrl } from './client';
import { Api2CartConnector } from './connector';

export const api2cartKind: StoreKindDefinition = {
  kind: 'api2cart',
  label: 'API2Cart',
  locationHelp: '[--url API_URL, only for the local sandbox; default https://api.api2cart.com/v1.1]',
  credentialFields: [
    { name: 'apiKey', label: 'API2Cart API key (account)', secret: true },
    { name: 'storeKey', label: 'API2Cart store key', secret: true },
  ],
  locate(input) {
    if (!input.url) return { address: API2CART_BASE_URL };
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw new Error(`--url ${JSON.stringify(input.url)} is not a URL (e.g. http://127.0.0.1:4010)`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('--url must start with https:// or http://');
    const base = normaliseBaseUrl(`${url.origin}${url.pathname}`);
    return { address: base, apiUrl: base };
  },
  build(store, credentials, tuning = {}) {
    const delays = tuning.retryDelaysMs;
    return new Api2CartConnector({
      baseUrl: store.apiUrl ?? store.address ?? API2CART_BASE_URL,
      apiKey: credentials['apiKey']!,
      storeKey: credentials['storeKey']!,
      storeName: store.name,
      ...(delays && delays.length > 0
        ? { retry: { attempts: delays.length + 1, baseMs: Math.max(1, delays[0]!), capMs: Math.max(...delays) } }
        : {}),
    });
  },
};
