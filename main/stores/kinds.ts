/**
 * The store connection kinds Ledgerbridge can pull from, each described once: what to ask for
 * when connecting (where the store is, which credentials, which of them are secret) and how to
 * build its connector from a saved connection plus credentials. `store add`, `sync` and the UI
 * work from this table alone, so a new source (API2Cart) registers by adding one entry.
 */
import type { StoreSetting } from '../settings/schema';
import type { StoreConnectionKind, StoreConnector } from './connector';
import type { StoreCredentials } from './credentials';
import { ShopifyConnector } from './shopify/connector';
import { SHOPIFY_API_VERSION, normaliseShopDomain } from './shopify/version';
import { WooConnector } from './woocommerce/connector';
import { api2cartKind } from './api2cart/kind';

export interface CredentialField {
  name: string;
  /** How to ask for it: "Admin API access token". */
  label: string;
  secret: boolean;
}

/** Where the store is, as typed by the user (`--shop`, `--url`). */
export interface StoreLocationInput {
  shop?: string;
  url?: string;
}

export interface StoreLocation {
  /** Settings' `address`: shop domain or site URL. */
  address: string;
  /** Settings' `apiUrl`, only when the API answers elsewhere (the local sandbox). */
  apiUrl?: string;
  apiVersion?: string;
}

/** Knobs for tests and benchmarks; production passes none. */
export interface ConnectorTuning {
  now?: () => number;
  retryDelaysMs?: readonly number[];
  bulkPollMs?: number;
}

export interface StoreKindDefinition {
  kind: StoreConnectionKind;
  label: string;
  /** Help text for the location options. */
  locationHelp: string;
  credentialFields: readonly CredentialField[];
  /** Checks and normalises the location; throws Error with a message for the user. */
  locate(input: StoreLocationInput): StoreLocation;
  build(store: Pick<StoreSetting, 'name' | 'address' | 'apiUrl' | 'apiVersion'>, credentials: StoreCredentials, tuning?: ConnectorTuning): StoreConnector;
}

function httpUrl(text: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${what} ${JSON.stringify(text)} is not a URL (e.g. https://shop.example.com)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${what} must start with https:// or http://`);
  return url;
}

const shopify: StoreKindDefinition = {
  kind: 'shopify',
  label: 'Shopify',
  locationHelp: '--shop DOMAIN (your-shop.myshopify.com) [--url API_ORIGIN, only for the local sandbox]',
  credentialFields: [{ name: 'accessToken', label: 'Admin API access token', secret: true }],
  locate(input) {
    if (!input.shop) throw new Error('a Shopify store needs --shop DOMAIN (e.g. your-shop.myshopify.com)');
    const domain = normaliseShopDomain(input.shop);
    if (!domain) throw new Error(`${JSON.stringify(input.shop)} is not a shop domain (e.g. your-shop.myshopify.com)`);
    const location: StoreLocation = { address: domain, apiVersion: SHOPIFY_API_VERSION };
    if (input.url) location.apiUrl = httpUrl(input.url, '--url').origin;
    return location;
  },
  build(store, credentials, tuning = {}) {
    const version = store.apiVersion ?? SHOPIFY_API_VERSION;
    return new ShopifyConnector({
      storeName: store.name,
      shopDomain: store.address ?? '',
      accessToken: credentials['accessToken']!,
      apiVersion: version,
      endpoint: store.apiUrl ? `${store.apiUrl.replace(/\/+$/, '')}/admin/api/${version}/graphql.json` : undefined,
      now: tuning.now,
      retryDelaysMs: tuning.retryDelaysMs,
      bulkPollMs: tuning.bulkPollMs,
    });
  },
};

const woocommerce: StoreKindDefinition = {
  kind: 'woocommerce',
  label: 'WooCommerce',
  locationHelp: '--url SITE_URL (https://shop.example.com)',
  credentialFields: [
    { name: 'consumerKey', label: 'Consumer key (ck_…)', secret: true },
    { name: 'consumerSecret', label: 'Consumer secret (cs_…)', secret: true },
  ],
  locate(input) {
    if (!input.url) throw new Error('a WooCommerce store needs --url SITE_URL (e.g. https://shop.example.com)');
    const url = httpUrl(input.url, '--url');
    const path = url.pathname.replace(/\/wp-json(\/.*)?$/, '').replace(/\/+$/, '');
    return { address: `${url.origin}${path}` };
  },
  build(store, credentials, tuning = {}) {
    return new WooConnector({
      storeName: store.name,
      siteUrl: store.apiUrl ?? store.address ?? '',
      consumerKey: credentials['consumerKey']!,
      consumerSecret: credentials['consumerSecret']!,
      now: tuning.now,
      retryDelaysMs: tuning.retryDelaysMs,
    });
  },
};

const registry = new Map<string, StoreKindDefinition>([
  [shopify.kind, shopify],
  [woocommerce.kind, woocommerce],
  [api2cartKind.kind, api2cartKind],
]);

export function storeKind(kind: string): StoreKindDefinition | undefined {
  return registry.get(kind);
}

export function storeKinds(): StoreKindDefinition[] {
  return [...registry.values()];
}
