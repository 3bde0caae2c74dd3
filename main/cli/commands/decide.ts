/**
 * The bookkeeper's decisions from the command line: `link`, `unlink`, `accept`, `ignore`.
 * ORDER is the order's number as the store shows it (`#1001`, quote the #) or STORE/SOURCE_ID;
 * DOC is Type:Id (`SalesReceipt:42`). Each records the decision in the company's mirror, then
 * reconciles and prints the order's new status.
 */
import { userInfo } from 'node:os';
import { AppError } from '../../api/errors';
import { openConfSettings } from '../../settings/conf-settings';
import type { CompanyDb } from '../../mirror/open';
import { chooseRealm, openExistingCompany } from '../../reconcile/company';
import { acceptDifference, DecisionError, ignoreOrder, linkDocument, rejectPair, unignoreOrder, type Actor } from '../../reconcile/decisions';
import { findOrderKey, storedResult } from '../../reconcile/read';
import { CompanyReconciler } from '../../reconcile/incremental';
import { configFromSettings } from '../../reconcile/service';
import { diffId } from '../../reconcile/status';
import type { OrderResult } from '../../reconcile/types';
import { UsageError, type CliIo, type Command, type GlobalOptions } from '../command';

type Decide = (db: CompanyDb, order: OrderResult, positionals: string[], values: Record<string, string | boolean | undefined>, actor: Actor) => string;

function actor(): Actor {
  let by = 'unknown';
  try {
    by = userInfo().username;
  } catch {
    // Some containers have no passwd entry; the decision is still recorded.
  }
  return { by };
}

async function runDecision(name: string, decide: Decide, args: { values: Record<string, string | boolean | undefined>; positionals: string[] }, globals: GlobalOptions, io: CliIo): Promise<number> {
  const [ref, ...rest] = args.positionals;
  if (ref === undefined) throw new UsageError(`${name} needs an ORDER (its number, e.g. "#1001", or STORE/SOURCE_ID)`);
  const settings = openConfSettings(globals.dataDir).read();
  const realmId = chooseRealm(globals.dataDir, settings, typeof args.values.company === 'string' ? args.values.company : undefined);
  const db = openExistingCompany(globals.dataDir, realmId);
  try {
    const reconciler = new CompanyReconciler(db, configFromSettings(settings, realmId));
    reconciler.full();
    let key: string | null;
    try {
      key = findOrderKey(db, ref);
    } catch (error) {
      throw new AppError('invalid_request', error instanceof Error ? error.message : String(error), 'order');
    }
    if (key === null) throw new AppError('not_found', `no order ${ref} in company ${realmId}`, 'order');
    let done: string;
    try {
      done = decide(db, storedResult(db, key)!, rest, args.values, actor());
    } catch (error) {
      if (error instanceof DecisionError) throw new AppError('invalid_request', error.message);
      throw error;
    }
    // Only what the decision touches is re-reconciled.
    reconciler.catchUp({ decisions: true });
    const after = storedResult(db, key)!;
    if (globals.json) io.stdout(JSON.stringify({ done, order: after }) + '\n');
    else io.stdout(`${done}\n${after.number}: ${after.status} — ${after.explanation}\n`);
    return 0;
  } finally {
    db.close();
  }
}

const company = { company: { type: 'string' } } as const;

export const linkCommand: Command = {
  name: 'link',
  summary: 'Link an order to a QuickBooks document, or confirm its suggested match',
  usage: 'ledgerbridge link ORDER [DOC] [--company REALM]',
  details: ['Without DOC, confirms the suggested match.', 'DOC is Type:Id, e.g. SalesReceipt:42 or Invoice:7.'],
  options: { ...company },
  maxPositionals: 2,
  run: (args, globals, io) => runDecision('link', (db, order, [doc], _v, who) => {
    if (doc === undefined) {
      if (!order.suggestion) throw new DecisionError(`${order.number} has no suggested match to confirm (status ${order.status}); name the document: link ORDER Type:Id`);
      linkDocument(db, order.key, order.suggestion.docKey, who, 'confirmed');
      return `Confirmed ${order.suggestion.docKey} as ${order.number}'s document.`;
    }
    linkDocument(db, order.key, doc, who, 'manual');
    return `Linked ${doc} to ${order.number}.`;
  }, args, globals, io),
};

export const unlinkCommand: Command = {
  name: 'unlink',
  summary: 'Unlink a QuickBooks document from an order, or reject its suggested match',
  usage: 'ledgerbridge unlink ORDER [DOC] [--company REALM]',
  details: ['Without DOC: rejects the suggested match, or unlinks the order\'s sales document.', 'No matching pass joins the pair again (not even the stamp) until you link it.'],
  options: { ...company },
  maxPositionals: 2,
  run: (args, globals, io) => runDecision('unlink', (db, order, [doc], _v, who) => {
    const target = doc ?? order.suggestion?.docKey ?? order.docs.find((d) => d.role === 'sale')?.key;
    if (target === undefined) throw new DecisionError(`${order.number} has no linked or suggested document`);
    rejectPair(db, order.key, target, who);
    return doc === undefined && order.suggestion ? `Rejected ${target} as ${order.number}'s match.` : `Unlinked ${target} from ${order.number}.`;
  }, args, globals, io),
};

export const acceptCommand: Command = {
  name: 'accept',
  summary: 'Accept a difference between an order and its QuickBooks document (until either changes)',
  usage: 'ledgerbridge accept ORDER (FIELD | --all) [--company REALM]',
  details: ['FIELD as the report shows it: tax, shipping, total, customer, date, "line:SKU quantity", …'],
  options: { ...company, all: { type: 'boolean' } },
  maxPositionals: 2,
  run: (args, globals, io) => runDecision('accept', (db, order, [field], values, who) => {
    const sale = order.docs.find((d) => d.role === 'sale');
    if (!sale) throw new DecisionError(`${order.number} has no linked document to accept a difference against`);
    const open = order.diffs.filter((d) => d.differs && !d.accepted).map(diffId);
    const fields = values.all === true ? open : field !== undefined ? [field] : [];
    if (fields.length === 0) throw new DecisionError(values.all === true ? `${order.number} has no open difference` : `say which difference to accept (${open.join(', ') || 'none open'}) or --all`);
    for (const f of fields) {
      if (!open.includes(f)) throw new DecisionError(`${order.number} has no open difference ${JSON.stringify(f)} (open: ${open.join(', ') || 'none'})`);
      acceptDifference(db, order.key, sale.key, f, who);
    }
    return `Accepted ${fields.join(', ')} on ${order.number} against ${sale.key}.`;
  }, args, globals, io),
};

export const ignoreCommand: Command = {
  name: 'ignore',
  summary: 'Ignore an order (e.g. a test order) with a reason, or stop ignoring it',
  usage: 'ledgerbridge ignore ORDER --reason TEXT [--company REALM] | ignore ORDER --undo',
  details: [],
  options: { ...company, reason: { type: 'string' }, undo: { type: 'boolean' } },
  maxPositionals: 1,
  run: (args, globals, io) => runDecision('ignore', (db, order, _p, values, who) => {
    if (values.undo === true) {
      if (!unignoreOrder(db, order.key)) throw new DecisionError(`${order.number} is not ignored`);
      return `${order.number} is no longer ignored.`;
    }
    if (typeof values.reason !== 'string') throw new DecisionError('say why with --reason (e.g. --reason "test order")');
    ignoreOrder(db, order.key, values.reason, who);
    return `Ignored ${order.number}: ${values.reason.trim()}.`;
  }, args, globals, io),
};
