/**
 * "Open the demo company": the local stand-ins with the seeded business, connected exactly as a
 * real company is (Intuit app + tokens through the connection service, Shopify store credentials
 * in the keychain), then pulled into the company's mirror like any other.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AppContext } from '../app/context';
import { openCompanyDb } from '../mirror/open';
import { companySync } from '../company-sync/company-sync';
import type { Summary } from '../reconcile/read';
import type { SyncSummary } from '../sync';
import { defaultPostingPreferences } from '../reconcile/posting-preferences';
import { demoPostingPreferences } from './demo-posting';
import type { CompanySetting, StoreSetting } from '../settings/schema';
import { saveStoreCredentials } from '../stores/credentials';
import { storeKind } from '../stores/kinds';
import type { StoreSyncSummary } from '../stores/sync-store';
import type { SandboxLine, SandboxProcess } from './sandbox-process';

export const DEMO_STORE_NAME = 'Harbor Goods (demo)';

export interface DemoResult {
  company: CompanySetting;
  store: StoreSetting;
  storeSync: StoreSyncSummary;
  qboSync: SyncSummary;
  reconciliation: Summary;
}

export function demoStateFile(dataDir: string): string {
  return join(dataDir, 'demo', 'sandbox-state.json');
}

export async function openDemo(ctx: AppContext, sandbox: SandboxProcess, report: (step: string) => void = () => {}): Promise<DemoResult> {
  const { info } = sandbox;
  report('Connecting the demo QuickBooks company…');
  const company = await ctx.connections.connectWithTokens(
    { environment: 'local', clientId: info.qbo.clientId, clientSecret: info.qbo.clientSecret, discoveryUrl: info.qbo.discovery, apiBase: info.qbo.apiBase },
    info.qbo.realmId,
    { accessToken: info.qbo.accessToken, refreshToken: info.qbo.refreshToken, expiresIn: 3600, refreshExpiresIn: null },
  );
  const store = await connectDemoStore(ctx, company.realmId, info);
  // The same sync the app's "Sync now" runs: the store, QuickBooks (worker thread), reconcile.
  report(`Pulling ${store.name} and the QuickBooks company, then reconciling…`);
  const outcome = await companySync(ctx).sync(company.realmId);
  const storeSync = outcome.stores.find((s) => s.id === store.id);
  if (!storeSync || storeSync.status !== 'synced') throw new Error(`The demo store could not be pulled: ${storeSync?.error ?? 'not synced'}`);
  if (!outcome.qbo.summary) throw new Error(`The demo QuickBooks company could not be pulled: ${outcome.qbo.error ?? outcome.qbo.status}`);
  // Posting preferences only shape proposals (built when an order is opened), so they can follow the sync.
  const db = openCompanyDb(ctx.dataDir, company.realmId);
  try {
    const posting = { ...defaultPostingPreferences(), ...demoPostingPreferences(db, store.id), ...store.posting };
    ctx.settings.update((s) => ({ ...s, stores: s.stores.map((x) => (x.id === store.id ? { ...x, posting } : x)) }));
  } finally {
    db.close();
  }
  return { company, store, storeSync, qboSync: outcome.qbo.summary, reconciliation: outcome.reconciliation };
}

/** The demo's Shopify store: reused across runs (its address is stable; its port is not). */
async function connectDemoStore(ctx: AppContext, realmId: string, info: SandboxLine): Promise<StoreSetting> {
  const graphql = new URL(info.shopify.graphqlUrl);
  const apiVersion = /\/admin\/api\/([^/]+)\//.exec(graphql.pathname)?.[1];
  const existing = ctx.settings.read().stores.find((s) => s.realmId === realmId && s.kind === 'shopify' && s.address === info.shopify.shop);
  const store: StoreSetting = {
    ...(existing ?? { id: randomUUID(), realmId, kind: 'shopify', name: DEMO_STORE_NAME, address: info.shopify.shop, addedAt: new Date().toISOString() }),
    apiUrl: graphql.origin,
    ...(apiVersion ? { apiVersion } : {}),
  };
  const credentials = { accessToken: info.shopify.accessToken };
  // The store's own currency and time zone, as `store add` records them (the books' dates follow the zone).
  const shop = await storeKind('shopify')!.build(store, credentials).verify();
  Object.assign(store, { currency: shop.currency, ...(shop.timeZone ? { timeZone: shop.timeZone } : {}) });
  await saveStoreCredentials(ctx.keychain, store.id, credentials);
  ctx.settings.update((s) => ({ ...s, stores: [...s.stores.filter((x) => x.id !== store.id), store] }));
  return store;
}
