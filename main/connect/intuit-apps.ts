/**
 * The user's Intuit app per environment: client id and endpoints in settings, client secret in
 * the OS keychain. Endpoints of production and sandbox come from Intuit's discovery documents;
 * `local` (our stand-ins) needs its discovery URL, and serves the QBO API from the same origin.
 */
import type { Environment } from '../../preload/contract';
import { keychainAccounts, type Keychain } from '../secrets/keychain';
import type { IntuitAppSetting } from '../settings/schema';
import type { SettingsStore } from '../settings/settings-store';
import { checkEndpointUrl, type ClientCredentials } from './intuit-oauth';

export const INTUIT_ENVIRONMENTS: Record<Exclude<Environment, 'local'>, { discoveryUrl: string; apiBase: string }> = {
  production: {
    discoveryUrl: 'https://developer.api.intuit.com/.well-known/openid_configuration',
    apiBase: 'https://quickbooks.api.intuit.com',
  },
  sandbox: {
    discoveryUrl: 'https://developer.api.intuit.com/.well-known/openid_sandbox_configuration',
    apiBase: 'https://sandbox-quickbooks.api.intuit.com',
  },
};

/** A configuration problem the user can fix; `field` names the form field. */
export class AppConfigError extends Error {
  constructor(message: string, readonly field: string) {
    super(message);
    this.name = 'AppConfigError';
  }
}

export interface ResolvedApp {
  environment: Environment;
  clientId: string;
  discoveryUrl: string;
  apiBase: string;
  relayUrl: string | null;
}

export interface IntuitAppInput {
  environment: Environment;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  discoveryUrl?: string | undefined;
  apiBase?: string | undefined;
  relayUrl?: string | undefined;
}

export interface PreparedApp {
  setting: IntuitAppSetting;
  resolved: ResolvedApp;
  credentials: ClientCredentials;
  /** The secret was typed in now (and is to be stored), rather than read from the keychain. */
  newSecret: boolean;
}

/** An endpoint URL the user entered, refused with the form field it came from. */
function checked(value: string, what: string, field: string): string {
  try {
    return checkEndpointUrl(value, what);
  } catch (error) {
    throw new AppConfigError(error instanceof Error ? error.message : String(error), field);
  }
}

export function resolveApp(app: IntuitAppSetting): ResolvedApp {
  if (app.environment === 'local') {
    if (!app.discoveryUrl) throw new AppConfigError('The local environment needs the stand-in’s discovery URL.', 'discoveryUrl');
    const discoveryUrl = checked(app.discoveryUrl, 'The discovery URL', 'discoveryUrl');
    const host = new URL(discoveryUrl).hostname;
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
      throw new AppConfigError('The local environment only talks to stand-ins on this machine (127.0.0.1).', 'discoveryUrl');
    }
    return {
      environment: 'local',
      clientId: app.clientId,
      discoveryUrl,
      apiBase: checked(app.apiBase ?? new URL(discoveryUrl).origin, 'The API base URL', 'apiBase'),
      relayUrl: app.relayUrl ? checked(app.relayUrl, 'The relay URL', 'relayUrl') : null,
    };
  }
  const known = INTUIT_ENVIRONMENTS[app.environment];
  return {
    environment: app.environment,
    clientId: app.clientId,
    discoveryUrl: checked(app.discoveryUrl ?? known.discoveryUrl, 'The discovery URL', 'discoveryUrl'),
    apiBase: checked(app.apiBase ?? known.apiBase, 'The API base URL', 'apiBase'),
    relayUrl: app.relayUrl ? checked(app.relayUrl, 'The relay URL', 'relayUrl') : null,
  };
}

export class IntuitApps {
  constructor(
    private readonly settings: SettingsStore,
    private readonly keychain: Keychain,
  ) {}

  get(environment: Environment): IntuitAppSetting | undefined {
    return this.settings.read().intuitApps.find((a) => a.environment === environment);
  }

  list(): IntuitAppSetting[] {
    return this.settings.read().intuitApps;
  }

  async hasSecret(app: IntuitAppSetting): Promise<boolean> {
    return (await this.keychain.get(keychainAccounts.clientSecret(app.environment, app.clientId))) !== null;
  }

  /**
   * Merges what the user entered with what is saved for that environment and checks it. Nothing
   * is written yet: `commit` does that once Intuit accepted the credentials, so a mistyped secret
   * never replaces a good one in the keychain.
   */
  async prepare(input: IntuitAppInput): Promise<PreparedApp> {
    const saved = this.get(input.environment);
    const clientId = (input.clientId ?? saved?.clientId ?? '').trim();
    if (clientId === '') throw new AppConfigError(`Enter the client id of your Intuit app for ${input.environment}.`, 'clientId');
    const sameApp = saved?.clientId === clientId;
    const setting: IntuitAppSetting = {
      environment: input.environment,
      clientId,
      ...pick('discoveryUrl', input.discoveryUrl, sameApp ? saved?.discoveryUrl : undefined),
      ...pick('apiBase', input.apiBase, sameApp ? saved?.apiBase : undefined),
      ...pick('relayUrl', input.relayUrl, sameApp ? saved?.relayUrl : undefined),
    };
    const resolved = resolveApp(setting);
    const given = input.clientSecret?.trim();
    const secret = given || (await this.keychain.get(keychainAccounts.clientSecret(input.environment, clientId)));
    if (!secret) {
      throw new AppConfigError(`Enter the client secret of your Intuit app ${clientId} (it is kept in the OS keychain).`, 'clientSecret');
    }
    return { setting, resolved, credentials: { clientId, clientSecret: secret }, newSecret: Boolean(given) };
  }

  /** Stores a prepared app: the secret in the keychain (first), the rest in settings. */
  async commit(prepared: PreparedApp): Promise<void> {
    const { setting } = prepared;
    if (prepared.newSecret) await this.keychain.set(keychainAccounts.clientSecret(setting.environment, setting.clientId), prepared.credentials.clientSecret);
    this.settings.update((s) => ({ ...s, intuitApps: [...s.intuitApps.filter((a) => a.environment !== setting.environment), setting] }));
  }

  async credentials(environment: Environment, clientId: string): Promise<ClientCredentials> {
    const secret = await this.keychain.get(keychainAccounts.clientSecret(environment, clientId));
    if (secret === null) {
      throw new AppConfigError(`The client secret of Intuit app ${clientId} (${environment}) is not in the keychain; enter it again.`, 'clientSecret');
    }
    return { clientId, clientSecret: secret };
  }
}

function pick<K extends string>(key: K, given: string | undefined, saved: string | undefined): Partial<Record<K, string>> {
  const value = given === undefined ? saved : given.trim() === '' ? undefined : given.trim();
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
