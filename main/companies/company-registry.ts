/**
 * The company list in settings: one entry per QBO realm. Connecting a realm that is already listed
 * updates that entry (new name, environment, cleared flags) and never adds a second one.
 */
import type { Environment } from '../../preload/contract';
import type { EventBus } from '../events/event-bus';
import type { CompanySetting } from '../settings/schema';
import type { SettingsStore } from '../settings/settings-store';

export class CompanyRegistry {
  constructor(
    private readonly settings: SettingsStore,
    private readonly events?: EventBus,
  ) {}

  list(): CompanySetting[] {
    return this.settings.read().companies;
  }

  get(realmId: string): CompanySetting | undefined {
    return this.list().find((c) => c.realmId === realmId);
  }

  /** Records a (re)connected company; returns it and whether it was already listed. */
  saveConnected(input: { realmId: string; name: string; environment: Environment; clientId: string; now: Date }): {
    company: CompanySetting;
    replaced: boolean;
  } {
    let replaced = false;
    const next = this.settings.update((s) => {
      const existing = s.companies.find((c) => c.realmId === input.realmId);
      replaced = existing !== undefined;
      const company: CompanySetting = {
        realmId: input.realmId,
        name: input.name,
        environment: input.environment,
        addedAt: existing?.addedAt ?? input.now.toISOString(),
        reconnectNeeded: false,
        clientId: input.clientId,
      };
      return {
        ...s,
        companies: existing ? s.companies.map((c) => (c.realmId === input.realmId ? company : c)) : [...s.companies, company],
      };
    });
    this.changed();
    return { company: next.companies.find((c) => c.realmId === input.realmId)!, replaced };
  }

  markReconnectNeeded(realmId: string): void {
    this.patch(realmId, (c) => ({ ...c, reconnectNeeded: true }));
  }

  markDisconnected(realmId: string, now: Date): void {
    this.patch(realmId, (c) => ({ ...c, reconnectNeeded: false, disconnectedAt: now.toISOString() }));
  }

  private patch(realmId: string, change: (c: CompanySetting) => CompanySetting): void {
    let found = false;
    this.settings.update((s) => ({
      ...s,
      companies: s.companies.map((c) => {
        if (c.realmId !== realmId) return c;
        found = true;
        return change(c);
      }),
    }));
    if (found) this.changed();
  }

  private changed(): void {
    this.events?.emit('companiesChanged', {});
  }
}
