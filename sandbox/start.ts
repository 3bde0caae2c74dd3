/**
 * Composes the sandbox: Intuit OAuth + QBO API on one origin (as Intuit's SDKs expect a token
 * endpoint and an API host), Shopify and WooCommerce on their own, all serving one seeded
 * business. Used by the `ledgerbridge-sandbox` command and in-process by tests.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SANDBOX_CREDENTIALS } from './common/credentials';
import { withFaults } from './common/faults';
import { listen, type Listening } from './common/listen';
import { qbo500, shopify500, woo429, woo500 } from './common/service-bodies';
import { debouncedSaver, readStateFile, writeStateFile } from './common/state-file';
import { NO_FAULTS, type FaultOptions, type RequestHandler, type StandInOptions } from './common/types';
import { createIntuitOAuthStandIn, isOAuthPath, oauthEndpoints, type IntuitOAuthStandIn } from './intuit-oauth';
import { createQboStandIn } from './qbo';
import { DEMO_NOW, demoBusiness, emptyBusiness, generateBusiness } from './seed/business';
import type { SeedBooks, SeedBusiness } from './seed/types';
import { createShopifyStandIn } from './shopify';
import { createWooStandIn } from './woocommerce';
import { createApi2CartStandIn } from './api2cart';

export interface SandboxInfo {
  qbo: {
    apiBase: string;
    discovery: string;
    authorize: string;
    token: string;
    revoke: string;
    clientId: string;
    clientSecret: string;
    realmId: string;
    redirectUris: string[];
    accessToken: string;
    refreshToken: string;
  };
  shopify: { shop: string; graphqlUrl: string; accessToken: string };
  woocommerce: { url: string; consumerKey: string; consumerSecret: string };
  /** One API2Cart account serving the seeded store as several platforms (one store key each). */
  api2cart: { url: string; apiKey: string; storeKeys: Record<string, string> };
}

export interface StartSandboxOptions {
  /** N → Intuit+QBO on N, Shopify on N+1, WooCommerce on N+2; 0 (default) → any free ports. */
  port?: number;
  /** 'demo' (default), 'empty' (a new QBO company, a store without orders) or a SeedBusiness JSON file. */
  seed?: string;
  autoApprove?: boolean;
  /** With seed 'demo': generate a business of this many orders instead of the fixed demo. */
  orders?: number | null;
  rateLimits?: 'real' | 'off';
  latencyMs?: number;
  faults?: FaultOptions | null;
  /** Loaded at start if present; saved after writes (debounced) and on stop. */
  stateFile?: string | null;
  now?: () => number;
  /** Grace of a rotated-out refresh token (default 24 h as at Intuit). */
  refreshGraceSeconds?: number;
  /** One line per request and per event; default silent. */
  log?: (line: string) => void;
  saveDebounceMs?: number;
  /**
   * Whether the Shopify token holds `read_all_orders` (default true, so the demo's whole history
   * is visible); false reproduces the 60-day window of a token without it.
   */
  shopifyReadAllOrders?: boolean;
}

export const SHOPIFY_API_VERSION = '2025-10';

type QboStandIn = ReturnType<typeof createQboStandIn>;
type ShopifyStandIn = ReturnType<typeof createShopifyStandIn>;
type WooStandIn = ReturnType<typeof createWooStandIn>;
type Api2CartStandIn = ReturnType<typeof createApi2CartStandIn>;

export interface RunningSandbox {
  info: SandboxInfo;
  stop(): Promise<void>;
  qbo: QboStandIn;
  oauth: IntuitOAuthStandIn;
  shopify: ShopifyStandIn;
  woocommerce: WooStandIn;
  api2cart: Api2CartStandIn;
  business: SeedBusiness;
  options: StandInOptions;
  /** Write the state file now (no-op without one). */
  saveState(): void;
  /** A second company the user can pick on the consent page, served by the QBO API too. */
  addCompany(books: SeedBooks): void;
}

interface SavedSandbox {
  version: 1;
  oauth: unknown;
  qbo: unknown;
  shopify: unknown;
  woocommerce: unknown;
  /** Absent in state files written before API2Cart joined the sandbox. */
  api2cart?: unknown;
}

export function loadSeedBusiness(seed: string, orders: number | null): SeedBusiness {
  if (orders !== null && seed !== 'demo') throw new Error('orders needs the demo seed');
  if (seed === 'demo') return orders === null ? demoBusiness() : generateBusiness({ seed: 1, orders, now: DEMO_NOW });
  if (seed === 'empty') return emptyBusiness();
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(seed, 'utf8')) as unknown;
  } catch (e) {
    throw new Error(`seed file ${seed}: ${(e as Error).message}`);
  }
  const b = parsed as Partial<SeedBusiness> | null;
  if (!b || typeof b !== 'object' || !b.store || !Array.isArray(b.store.orders) || !b.books || typeof b.books.realmId !== 'string') {
    throw new Error(`seed file ${seed} is not a SeedBusiness (needs store.orders and books.realmId)`);
  }
  return { expected: [], orphans: [], ...b } as SeedBusiness;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function startSandbox(opts: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const log = opts.log ?? (() => {});
  const options: StandInOptions = {
    latencyMs: opts.latencyMs ?? 0,
    rateLimits: opts.rateLimits ?? 'real',
    faults: opts.faults ?? NO_FAULTS,
    now: opts.now ?? Date.now,
  };
  const business = loadSeedBusiness(opts.seed ?? 'demo', opts.orders ?? null);
  const realmId = business.books.realmId;
  const creds = SANDBOX_CREDENTIALS;

  const oauth = createIntuitOAuthStandIn({
    options,
    autoApprove: opts.autoApprove ?? false,
    refreshGraceSeconds: opts.refreshGraceSeconds,
    companies: [{ realmId, name: companyNameOf(business.books, business.store.name) }],
    clients: [
      {
        clientId: creds.intuitClientId,
        clientSecret: creds.intuitClientSecret,
        name: creds.intuitAppName,
        redirectUris: [...creds.intuitRedirectUris],
      },
    ],
  });
  const qbo = createQboStandIn({ realms: [business.books], tokens: oauth, options });
  const shopify = createShopifyStandIn({ store: business.store, accessToken: creds.shopifyAccessToken, readAllOrders: opts.shopifyReadAllOrders ?? true, options });
  const woocommerce = createWooStandIn({
    store: business.store,
    consumerKey: creds.wooConsumerKey,
    consumerSecret: creds.wooConsumerSecret,
    options,
  });
  const api2cart = createApi2CartStandIn({ store: business.store, apiKey: SANDBOX_CREDENTIALS.api2cartApiKey, options });

  const stateFile = opts.stateFile ?? null;
  if (stateFile) {
    const saved = readStateFile(stateFile) as SavedSandbox | null;
    if (saved) {
      if (saved.version !== 1) throw new Error(`state file ${stateFile}: unsupported version ${String(saved.version)}`);
      oauth.importState(saved.oauth);
      qbo.importState(saved.qbo);
      shopify.importState(saved.shopify);
      woocommerce.importState(saved.woocommerce);
      if (saved.api2cart !== undefined) api2cart.importState(saved.api2cart);
      log(`state loaded from ${stateFile}`);
    }
  }
  const exportAll = (): SavedSandbox => ({
    version: 1,
    oauth: oauth.exportState(),
    qbo: qbo.exportState(),
    shopify: shopify.exportState(),
    woocommerce: woocommerce.exportState(),
    api2cart: api2cart.exportState(),
  });
  const saver = debouncedSaver(
    () => {
      if (stateFile) writeStateFile(stateFile, exportAll());
    },
    opts.saveDebounceMs ?? 500,
    (e) => log(`state save failed: ${(e as Error).message}`),
  );

  const observe = (service: string, handler: RequestHandler): RequestHandler => (req, res) => {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    // 'close' also fires when the drop fault destroys the socket after a committed write.
    res.once('close', () => {
      if (stateFile && WRITE_METHODS.has(method)) saver.schedule();
      log(`${service} ${method} ${req.url ?? ''} ${res.writableFinished ? res.statusCode : 'dropped'} ${Math.round(performance.now() - started)}ms`);
    });
    handler(req, res);
  };
  // Innermost, so it also covers handlers the latency fault runs later from a timer.
  const guard = (service: string, handler: RequestHandler): RequestHandler => (req, res) => {
    try {
      handler(req, res);
    } catch (e) {
      // A stand-in bug answers one request with a 500 instead of taking the whole sandbox down.
      log(`${service} ${req.method ?? ''} ${req.url ?? ''} crashed: ${(e as Error).stack ?? String(e)}`);
      if (res.headersSent) res.destroy();
      else {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`sandbox ${service} stand-in error: ${(e as Error).message}`);
      }
    }
  };

  const intuitHandler: RequestHandler = (req: IncomingMessage, res: ServerResponse) =>
    isOAuthPath(pathOf(req)) ? oauth.handler(req, res) : qbo.handler(req, res);
  // OAuth requests pass the wrapper for latency only (isApiRequest false); QBO gets every fault.
  const intuitServed = withFaults(guard('intuit', intuitHandler), {
    options,
    error500: qbo500(options.now),
    throttled: (res) => qbo.throttled(res),
    isApiRequest: (req) => !isOAuthPath(pathOf(req)),
  });

  const basePort = opts.port ?? 0;
  const started: Listening[] = [];
  try {
    started.push(await listen(observe('intuit', intuitServed), basePort));
    started.push(
      await listen(
        observe('shopify', withFaults(guard('shopify', shopify.handler), { options, error500: shopify500, throttled: (res) => shopify.throttled(res) })),
        basePort === 0 ? 0 : basePort + 1,
      ),
    );
    started.push(
      await listen(
        observe('woocommerce', withFaults(guard('woocommerce', woocommerce.handler), { options, error500: woo500, throttled: woo429 })),
        basePort === 0 ? 0 : basePort + 2,
      ),
    );
    // API2Cart applies latency and faults itself: a call must count as in flight while it waits.
    started.push(await listen(observe('api2cart', guard('api2cart', api2cart.handler)), basePort === 0 ? 0 : basePort + 3));
  } catch (e) {
    await Promise.all(started.map((s) => s.close()));
    throw e;
  }
  const [intuit, shop, woo, a2c] = started as [Listening, Listening, Listening, Listening];

  const first = oauth.issueTokens(realmId, creds.intuitClientId);
  const endpoints = oauthEndpoints(intuit.origin);
  const info: SandboxInfo = {
    qbo: {
      apiBase: intuit.origin,
      discovery: endpoints.discovery,
      authorize: endpoints.authorize,
      token: endpoints.token,
      revoke: endpoints.revoke,
      clientId: creds.intuitClientId,
      clientSecret: creds.intuitClientSecret,
      realmId,
      redirectUris: [...creds.intuitRedirectUris],
      accessToken: first.access_token,
      refreshToken: first.refresh_token,
    },
    shopify: {
      shop: business.store.domain,
      graphqlUrl: `${shop.origin}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`,
      accessToken: creds.shopifyAccessToken,
    },
    woocommerce: { url: woo.origin, consumerKey: creds.wooConsumerKey, consumerSecret: creds.wooConsumerSecret },
    api2cart: { url: `${a2c.origin}/v1.1`, apiKey: SANDBOX_CREDENTIALS.api2cartApiKey, storeKeys: { ...api2cart.storeKeys } as Record<string, string> },
  };
  // The first token pair is itself state: save it so a restarted sandbox still honours it.
  if (stateFile) saver.flush(true);

  let stopped: Promise<void> | null = null;
  return {
    info,
    qbo,
    oauth,
    shopify,
    woocommerce,
    api2cart,
    business,
    options,
    saveState: () => saver.flush(true),
    addCompany(books) {
      qbo.addRealm(books);
      oauth.addCompany({ realmId: books.realmId, name: companyNameOf(books, books.realmId) });
      if (stateFile) saver.schedule();
    },
    stop() {
      stopped ??= (async () => {
        await Promise.all(started.map((s) => s.close()));
        if (stateFile) saver.flush(true);
        else saver.cancel();
        log('stopped');
      })();
      return stopped;
    },
  };
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

function companyNameOf(books: SeedBooks, fallback: string): string {
  const name = books.CompanyInfo.CompanyName;
  return typeof name === 'string' && name !== '' ? name : fallback;
}
