import type { Company, Store } from '../../preload/contract';
import type { Settings } from '../settings/schema';

/** The companies and stores as the UI and CLI show them, derived from settings alone. */
export function companiesView(settings: Settings): { companies: Company[]; stores: Store[] } {
  const companies = settings.companies.map((c) => ({
    realmId: c.realmId,
    name: c.name,
    environment: c.environment,
    connection: c.reconnectNeeded ? ('reconnect_needed' as const) : ('connected' as const),
    addedAt: c.addedAt,
  }));
  const stores = settings.stores.map((s) => ({
    id: s.id,
    realmId: s.realmId,
    kind: s.kind,
    name: s.name,
    ...(s.address === undefined ? {} : { address: s.address }),
  }));
  return { companies, stores };
}
