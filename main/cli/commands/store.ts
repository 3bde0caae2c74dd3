/**
 * `ledgerbridge store add <kind>` and `ledgerbridge store list`. Credentials are typed at a
 * prompt with echo off, or piped one per line on stdin — never taken from the command line,
 * where they would stay in shell history and be visible to every user in `ps`. A connection is
 * saved only after the store has accepted the credentials.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../api/errors';
import type { Keychain } from '../../secrets/keychain';
import type { Settings, StoreSetting } from '../../settings/schema';
import { StoreApiError, type StoreInfo } from '../../stores/connector';
import { deleteStoreCredentials, saveStoreCredentials } from '../../stores/credentials';
import { storeKind, storeKinds, type ConnectorTuning } from '../../stores/kinds';
import { cliContext } from '../app-context';
import { UsageError, type Command, type CliIo } from '../command';
import { PromptError, processSecretInput, readSecrets, type SecretInput } from '../prompt';

export interface StoreCommandDeps {
  secrets?: () => SecretInput;
  keychain?: () => Keychain;
  tuning?: ConnectorTuning;
}

function companyOrFail(settings: Settings, realmId: string, path: string): void {
  if (settings.companies.some((c) => c.realmId === realmId)) return;
  const known = settings.companies.map((c) => `${c.name} (${c.realmId})`);
  throw new AppError('not_found', `no company with realm ${realmId} in ${path}; ` + (known.length ? `known companies: ${known.join(', ')}` : 'connect a QuickBooks company first'), 'company');
}

export function makeStoreCommand(deps: StoreCommandDeps = {}): Command {
  const kinds = () => storeKinds().map((k) => k.kind).join(', ');
  return {
    name: 'store',
    summary: 'Connect a Shopify or WooCommerce store to a company, or list the connected stores',
    usage: 'ledgerbridge store add KIND --company REALM [--shop DOMAIN] [--url URL] [--name NAME] | store list [--company REALM]',
    details: [
      'store add shopify --company REALM --shop DOMAIN [--name NAME] [--url API_ORIGIN]',
      '    asks for the Admin API access token (a custom app\'s token with read_orders,',
      '    and read_all_orders for orders older than 60 days)',
      'store add woocommerce --company REALM --url SITE_URL [--name NAME]',
      '    asks for the REST API consumer key and consumer secret (Read access)',
      'store list [--company REALM]',
      '',
      'Credentials are asked for at the terminal without echo; when stdin is not a terminal,',
      'they are read from it one per line, in the order above. They are never accepted as',
      'arguments. The store is checked before anything is saved; credentials go to the system',
      'keychain, never to the settings file.',
      'Exit status: 0 connected/listed, 1 refused by the store or not found, 2 usage error.',
    ],
    options: {
      company: { type: 'string' },
      shop: { type: 'string' },
      url: { type: 'string' },
      name: { type: 'string' },
    },
    maxPositionals: 2,
    async run({ values, positionals }, globals, io) {
      const [sub, kind] = positionals;
      if (sub === 'list') {
        if (kind !== undefined) throw new UsageError(`unexpected argument ${JSON.stringify(kind)} for store list`);
        return list(typeof values.company === 'string' ? values.company : undefined, globals, io);
      }
      if (sub !== 'add') throw new UsageError(sub === undefined ? 'store needs a subcommand: add or list' : `unknown store subcommand ${JSON.stringify(sub)} (add or list)`);
      if (kind === undefined) throw new UsageError(`store add needs the kind of store: ${kinds()}`);
      const definition = storeKind(kind);
      if (!definition) throw new UsageError(`unknown store kind ${JSON.stringify(kind)} (${kinds()})`);
      const realmId = values.company;
      if (typeof realmId !== 'string' || realmId === '') throw new UsageError('store add needs --company REALM');
      let location;
      try {
        location = definition.locate({ shop: values.shop as string | undefined, url: values.url as string | undefined });
      } catch (error) {
        throw new UsageError((error as Error).message);
      }

      const ctx = cliContext(globals, io, { keychain: deps.keychain?.() });
      companyOrFail(ctx.settings.read(), realmId, ctx.settings.path);

      let secrets: string[];
      try {
        secrets = await readSecrets(definition.credentialFields.map((f) => f.label), (deps.secrets ?? processSecretInput)());
      } catch (error) {
        if (error instanceof PromptError) throw new UsageError(error.message);
        throw error;
      }
      const emptyField = definition.credentialFields.find((_, i) => secrets[i]!.trim() === '');
      if (emptyField) throw new UsageError(`the ${emptyField.label} is empty`);
      const credentials = Object.fromEntries(definition.credentialFields.map((f, i) => [f.name, secrets[i]!.trim()]));

      const requestedName = typeof values.name === 'string' && values.name.trim() !== '' ? values.name.trim() : undefined;
      const provisional = { name: requestedName ?? location.address, ...location };
      let info: StoreInfo;
      try {
        info = await definition.build(provisional, credentials, deps.tuning).verify();
      } catch (error) {
        if (error instanceof StoreApiError) {
          io.stderr(`ledgerbridge: ${error.message}\nNothing was saved.\n`);
          return 1;
        }
        throw error;
      }

      const name = requestedName ?? info.name;
      const settings = ctx.settings.read();
      const own = settings.stores.filter((s) => s.realmId === realmId);
      // The same store again (reconnect) when kind and address match — and, where one API address
      // serves many stores (API2Cart), the store's own URL too.
      const identity = (s: { address?: string | undefined; storeUrl?: string | undefined }) => `${s.address ?? ''} ${s.storeUrl ?? ''}`;
      const existing = own.find((s) => s.kind === definition.kind && identity(s) === identity({ address: location.address, storeUrl: info.storeUrl }));
      const clash = own.find((s) => s !== existing && s.name.toLowerCase() === name.toLowerCase());
      if (clash) throw new AppError('conflict', `company ${realmId} already has a store named ${JSON.stringify(clash.name)}; choose another name with --name`, 'name');
      const store: StoreSetting = {
        id: existing?.id ?? `${definition.kind}-${randomUUID()}`,
        realmId,
        kind: definition.kind,
        name,
        address: location.address,
        ...(info.storeUrl ? { storeUrl: info.storeUrl } : {}),
        ...(location.apiUrl ? { apiUrl: location.apiUrl } : {}),
        ...(location.apiVersion ? { apiVersion: location.apiVersion } : {}),
        ...(info.currency && info.currency !== 'unknown' ? { currency: info.currency } : {}),
        ...(info.timeZone ? { timeZone: info.timeZone } : {}),
        addedAt: new Date().toISOString(),
      };
      await saveStoreCredentials(ctx.keychain, store.id, credentials);
      try {
        ctx.settings.update((s) => ({ ...s, stores: [...s.stores.filter((x) => x.id !== store.id), store] }));
      } catch (error) {
        if (!existing) await deleteStoreCredentials(ctx.keychain, store.id);
        throw error;
      }

      if (globals.json) {
        io.stdout(JSON.stringify({ id: store.id, realmId, kind: store.kind, name, address: store.address, currency: info.currency, timeZone: info.timeZone, warnings: info.warnings, replaced: existing !== undefined }) + '\n');
        return 0;
      }
      const lines = [
        `${existing ? 'Reconnected' : 'Connected'} ${definition.label} store "${name}" (${store.address}) to company ${realmId}.`,
        `  shop currency: ${info.currency}`,
        ...(info.timeZone ? [`  time zone:     ${info.timeZone}`] : []),
        ...info.warnings.map((w) => `  warning: ${w}`),
        'Run `ledgerbridge sync --stores-only` to pull its orders.',
      ];
      io.stdout(lines.join('\n') + '\n');
      return 0;
    },
  };
}

function list(realmId: string | undefined, globals: { dataDir: string; json: boolean }, io: CliIo): number {
  const ctx = cliContext(globals, io);
  const settings = ctx.settings.read();
  if (realmId !== undefined) companyOrFail(settings, realmId, ctx.settings.path);
  const stores = settings.stores.filter((s) => realmId === undefined || s.realmId === realmId);
  if (globals.json) {
    io.stdout(JSON.stringify(stores.map((s) => ({ id: s.id, realmId: s.realmId, kind: s.kind, name: s.name, address: s.address ?? null, currency: s.currency ?? null, timeZone: s.timeZone ?? null }))) + '\n');
    return 0;
  }
  if (stores.length === 0) {
    io.stdout(`No stores${realmId ? ` for company ${realmId}` : ''}. Connect one with \`ledgerbridge store add shopify|woocommerce --company REALM …\`.\n`);
    return 0;
  }
  const lines: string[] = [];
  const companies = new Map(settings.companies.map((c) => [c.realmId, c.name]));
  for (const id of [...new Set(stores.map((s) => s.realmId))]) {
    lines.push(`${companies.get(id) ?? 'Unknown company'} (realm ${id})`);
    for (const s of stores.filter((x) => x.realmId === id)) {
      lines.push(`  ${s.kind.padEnd(11)} ${s.name}${s.address ? `  ${s.address}` : ''}${s.currency ? `  ${s.currency}` : ''}`);
    }
  }
  io.stdout(lines.join('\n') + '\n');
  return 0;
}

export const storeCommand = makeStoreCommand();
