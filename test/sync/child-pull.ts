/**
 * A pull in its own process, so a test can kill it (SIGKILL) at any moment:
 * `node --import tsx test/sync/child-pull.ts <dataDir> <apiBase> <realmId> <keychainService>`.
 * Like the CLI, it takes its tokens from the keychain (the service holding the company's refresh
 * token), so a kill can also land between Intuit rotating that token and the keychain write.
 * Prints "started" once the pull begins and "done <json>" when it finished.
 */
import { systemClock } from '../../main/qbo/clock';
import { RealmLimiter } from '../../main/qbo/limiter';
import { createSyncClient, syncCompany } from '../../main/sync';
import { appTokens } from './app-tokens';

const [dataDir, apiBase, realmId, keychainService] = process.argv.slice(2);
if (!dataDir || !apiBase || !realmId || !keychainService) throw new Error('usage: child-pull.ts <dataDir> <apiBase> <realmId> <keychainService>');
const { client, meter } = createSyncClient({
  apiBase,
  realmId,
  tokens: appTokens(apiBase, realmId, keychainService),
  limiter: new RealmLimiter(systemClock, [{ limit: 1_000_000, windowMs: 1000, counts: 'all' }]),
  retry: { maxAttempts: 3, baseMs: 5, capMs: 20 },
});
process.stdout.write('started\n');
const summary = await syncCompany({ dataDir, realmId, client, meter, pageSize: 50, concurrency: 3 });
process.stdout.write(`done ${JSON.stringify({ requests: summary.requests, invoices: summary.entities.Invoice })}\n`);
