/**
 * What every store source implements (Shopify, WooCommerce, API2Cart; CSV import is a file, not a
 * connection). A connector only talks to its store and normalises; `pullStore` writes each page
 * and the cursor after it in one transaction, so a killed pull resumes where it stopped.
 */
import type { StoreOrder } from '../orders/store-order';

export type StoreConnectionKind = 'shopify' | 'woocommerce' | 'api2cart';

export interface StoreInfo {
  /** The store's own name (shop name, site title, cart name). */
  name: string;
  /** The shop currency: the books are kept in it. */
  currency: string;
  /** IANA zone or a UTC offset like "-05:00", when the store says. */
  timeZone: string | null;
  /** Things the bookkeeper must know, e.g. orders older than 60 days are invisible to this token. */
  warnings: string[];
  /**
   * The store's own address when the connection's address is a shared API endpoint (API2Cart
   * serves many stores from one URL): what tells two connections of one company apart.
   */
  storeUrl?: string;
}

export interface PullProgress {
  done: number;
  total: number | null;
}

export interface OrderPage {
  orders: StoreOrder[];
  /** Opaque resume point after this page; stored in the same transaction as the page. */
  cursor: string;
}

export interface PullOptions {
  /** The cursor stored after the last page written, or null for a first (full) pull. */
  cursor: string | null;
  signal?: AbortSignal;
  onProgress?: (progress: PullProgress) => void;
}

export interface StoreConnector {
  readonly kind: StoreConnectionKind;
  /** Checks the credentials and reads the store's identity; throws StoreApiError when refused. */
  verify(signal?: AbortSignal): Promise<StoreInfo>;
  /** Orders changed since the cursor (with the connector's own overlap window), page by page. */
  pull(options: PullOptions): AsyncIterable<OrderPage>;
}

export type StoreErrorKind = 'auth' | 'not_found' | 'unavailable' | 'throttled' | 'bad_request' | 'bad_response';

/** A failure talking to a store: its message names the store and says what to do. */
export class StoreApiError extends Error {
  constructor(
    readonly storeName: string,
    readonly kind: StoreErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'StoreApiError';
  }
}
