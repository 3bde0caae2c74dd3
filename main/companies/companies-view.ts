import type { Company, Store } from '../../preload/contract';
import type { CompanySetting, Settings } from '../settings/schema';

export function connectionOf(c: CompanySetting): Company['connection'] {
  if (c.disconnectedAt !== undefined) return 'disconnected';
  return c.reconnectNeeded ? 'reconnect_needed' : 'connected';
}

export function companyView(c: CompanySetting): Company {
  return { realmId: c.realmId, name: c.name, environment: c.environment, connection: connectionOf(c), addedAt: c.addedAt };
}

/** The companies and stores as the UI and CLI show them, derived from settings alone. */
export function companiesView(settings: Settings): { companies: Company[]; stores: Store[] } {
  const companies = settings.companies.map(companyView);
  const stores = settings.stores.map((s) => ({
    id: s.id,
    realmId: s.realmId,
    kind: s.kind,
    name: s.name,
    ...(s.address === undefined ? {} : { address: s.address }),
  }));
  return { companies, stores };
}
