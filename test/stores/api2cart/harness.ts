/**
 * Shared set-up for the API2Cart tests: the real stand-in on 127.0.0.1 (port 0) over a seeded
 * store, a real company mirror in a temp folder, and connectors with a fast retry policy.
 */
import { onTestFinished } from 'vitest';
import { openCompanyDb, type CompanyDb } from '../../../main/mirror/open';
import { Api2CartConnector, type Api2CartConnectorConfig, type OrderProblemReport } from '../../../main/stores/api2cart/connector';
import { createApi2CartStandIn, type Api2CartFlavour, type Api2CartStandIn, type Api2CartStandInConfig } from '../../../sandbox/api2cart/index';
import { defaultStandInOptions, type StandInOptions } from '../../../sandbox/common/types';
import type { SeedStore } from '../../../sandbox/seed/types';
import { listen } from '../../../sandbox/common/listen';
import { tempDir } from '../../helpers/tmp';

export const API_KEY = 'a2c-test-api-key-0123456789';
export const REALM = '9130357004611111';

export interface Harness {
  standIn: Api2CartStandIn;
  url: string;
  store: SeedStore;
  options: StandInOptions;
  connector(flavour: Api2CartFlavour, extra?: Partial<Api2CartConnectorConfig>): Api2CartConnector;
  problems: OrderProblemReport[];
  close(): Promise<void>;
}

export async function startApi2Cart(
  store: SeedStore,
  extra: Partial<Omit<Api2CartStandInConfig, 'store' | 'options'>> & { options?: Partial<StandInOptions> } = {},
): Promise<Harness> {
  const options = defaultStandInOptions({ now: () => Date.parse('2026-11-20T12:00:00Z'), ...extra.options });
  const standIn = createApi2CartStandIn({ apiKey: API_KEY, ...extra, store, options });
  const { origin: url, close } = await listen(standIn.handler);
  const problems: OrderProblemReport[] = [];
  const harness: Harness = {
    standIn,
    url,
    store,
    options,
    problems,
    connector: (flavour, more = {}) =>
      new Api2CartConnector({
        baseUrl: url,
        apiKey: API_KEY,
        storeKey: standIn.storeKeys[flavour]!,
        retry: { attempts: 6, baseMs: 5, capMs: 40 },
        onProblem: (p) => problems.push(p),
        ...more,
      }),
    close,
  };
  onTestFinished(() => harness.close());
  return harness;
}

export function companyDb(): CompanyDb {
  const db = openCompanyDb(tempDir('ledgerbridge-a2c-'), REALM);
  onTestFinished(() => {
    db.close();
  });
  return db;
}

/** Raw GET against the stand-in, keys as headers unless overridden. */
export async function a2c(
  h: Pick<Harness, 'url'>,
  method: string,
  query: Record<string, string> = {},
  keys: { apiKey?: string | null; storeKey?: string | null } = {},
): Promise<Record<string, any>> {
  const url = new URL(`${h.url}/v1.1/${method}.json`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const headers: Record<string, string> = {};
  const apiKey = keys.apiKey === undefined ? API_KEY : keys.apiKey;
  if (apiKey !== null) headers['x-api-key'] = apiKey;
  if (keys.storeKey) headers['x-store-key'] = keys.storeKey;
  const res = await fetch(url, { headers });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as Record<string, any>;
}
