/**
 * `ledgerbridge report [--company REALM] [--status S] [--json]`: reconciles the company's mirror
 * (offline: the mirror only) and prints the summary per status and one row per order. With
 * --json, one object per order with its number, status, QBO documents, field diffs and proposal.
 */
import { formatMinor } from '../../orders/money';
import { openConfSettings } from '../../settings/conf-settings';
import { chooseRealm, companyName, openExistingCompany, postingPreferencesByStore } from '../../reconcile/company';
import { Proposer } from '../../reconcile/proposals';
import { qboSideList, storedResults, summary } from '../../reconcile/read';
import { configFromSettings, reconcileCompany } from '../../reconcile/service';
import { STATUSES, type Status } from '../../reconcile/types';
import { UsageError, type Command } from '../command';

function parseStatus(value: string | boolean | undefined): Status[] | undefined {
  if (typeof value !== 'string') return undefined;
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of list) if (!(STATUSES as readonly string[]).includes(s)) throw new UsageError(`unknown status ${JSON.stringify(s)} (one of ${STATUSES.join(', ')})`);
  return list as Status[];
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'Reconcile a company and print each order\'s status, differences and proposal',
  usage: 'ledgerbridge report [--company REALM] [--status S[,S…]] [--json]',
  details: [
    `statuses: ${STATUSES.join(', ')}`,
    'Works offline: it compares what the last sync put in the mirror.',
  ],
  options: { company: { type: 'string' }, status: { type: 'string' } },
  maxPositionals: 0,
  async run({ values }, globals, io) {
    const statuses = parseStatus(values.status);
    const settings = openConfSettings(globals.dataDir).read();
    const realmId = chooseRealm(globals.dataDir, settings, typeof values.company === 'string' ? values.company : undefined);
    const db = openExistingCompany(globals.dataDir, realmId);
    try {
      const config = configFromSettings(settings, realmId);
      reconcileCompany(db, config);
      const sum = summary(db);
      const proposer = new Proposer(db, config, postingPreferencesByStore(settings, realmId));
      if (globals.json) {
        const orders = [];
        for (const r of storedResults(db, { status: statuses, sort: 'date' })) {
          orders.push({
            orderNumber: r.number, key: r.key, orderDate: r.orderDate, total: r.total, currency: r.currency, status: r.status,
            explanation: r.explanation, qboDocs: r.docs, match: r.match, suggestion: r.suggestion, diffs: r.diffs, proposal: proposer.propose(r),
          });
        }
        io.stdout(JSON.stringify({ company: { realmId, name: companyName(settings, realmId) }, timeZone: config.timeZone, summary: sum, orders, qboSide: qboSideList(db) }) + '\n');
        return 0;
      }
      const rows = [...storedResults(db, { status: statuses, sort: 'date' })];
      const lines = [`${companyName(settings, realmId)} (realm ${realmId}): ${sum.orders} orders, books in ${config.timeZone}`, ''];
      for (const s of sum.statuses) {
        const amounts = s.amounts.map((a) => `${a.currency} ${formatMinor(a.total, a.currency)}`).join(', ');
        lines.push(`  ${s.status.padEnd(16)} ${String(s.count).padStart(7)}  ${amounts}`);
      }
      lines.push(`  QuickBooks side: ${sum.qboSide.orphans} orphan${sum.qboSide.orphans === 1 ? '' : 's'}, ${sum.qboSide.duplicates} duplicate${sum.qboSide.duplicates === 1 ? '' : 's'}`);
      for (const q of qboSideList(db)) lines.push(`    ${q.type} ${q.id}: ${q.kind} — ${q.reason}`);
      lines.push('');
      const width = Math.max(6, ...rows.map((r) => r.number.length));
      for (const r of rows) {
        lines.push(`${r.number.padEnd(width)}  ${r.orderDate}  ${`${r.currency} ${formatMinor(r.total, r.currency)}`.padStart(13)}  ${r.status.padEnd(15)}  ${r.explanation}`);
      }
      if (rows.length === 0) lines.push(statuses ? `No orders with status ${statuses.join(', ')}.` : 'No orders in the mirror yet; run `ledgerbridge sync --stores-only`.');
      io.stdout(lines.join('\n') + '\n');
      return 0;
    } finally {
      db.close();
    }
  },
};
