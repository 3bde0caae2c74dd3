/**
 * A pull in its own process, so a test can kill it (SIGKILL) at any moment:
 * `node --import tsx test/sync/child-pull.ts <dataDir> <apiBase> <realmId>`.
 * Prints "started" once the pull begins and "done <json>" when it finished.
 */
import { systemClock } from '../../main/qbo/clock';
import { RealmLimiter } from '../../main/qbo/limiter';
import { createSyncClient, syncCompany } from '../../main/sync';

const [dataDir, apiBase, realmId] = process.argv.slice(2);
if (!dataDir || !apiBase || !realmId) throw new Error('usage: child-pull.ts <dataDir> <apiBase> <realmId>');
const { client, meter } = createSyncClient({
  apiBase,
  realmId,
  tokens: { accessToken: async () => `t-${realmId}`, renewAfterRejection: async () => `t-${realmId}` },
  limiter: new RealmLimiter(systemClock, [{ limit: 1_000_000, windowMs: 1000, counts: 'all' }]),
  retry: { maxAttempts: 3, baseMs: 5, capMs: 20 },
});
process.stdout.write('started\n');
const summary = await syncCompany({ dataDir, realmId, client, meter, pageSize: 50, concurrency: 3 });
process.stdout.write(`done ${JSON.stringify({ requests: summary.requests, invoices: summary.entities.Invoice })}\n`);
