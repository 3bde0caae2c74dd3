/**
 * Proposals for stored verdicts, with each store's posting preferences. Reads the mirror only.
 */
import type { CompanyDb } from '../../mirror/open';
import { loadOrder } from '../../mirror/store-orders';
import { LocalDates } from '../local-date';
import { defaultPostingPreferences, type PostingPreferences } from '../posting-preferences';
import type { OrderResult, ReconcileConfig } from '../types';
import { buildProposal, type Proposal } from './build';
import { mirrorLookup } from './lookup';

export type { Proposal } from './build';
export type { ProposedWrite, MissingSetting } from './payloads';

export class Proposer {
  private readonly lookup;
  private readonly dates;

  constructor(
    private readonly db: CompanyDb,
    private readonly config: ReconcileConfig,
    /** Posting preferences by store id; a store without any gets the defaults (and says what is missing). */
    private readonly prefsByStore: ReadonlyMap<string, PostingPreferences>,
  ) {
    this.lookup = mirrorLookup(db);
    this.dates = new LocalDates(config.timeZone);
  }

  propose(result: OrderResult): Proposal | null {
    const order = loadOrder(this.db, result.storeId, result.sourceId);
    if (!order) return null;
    return buildProposal(result, order, {
      prefs: this.prefsByStore.get(result.storeId) ?? defaultPostingPreferences(),
      lookup: this.lookup,
      dates: this.dates,
      settingPrefix: `stores[${result.storeId}].posting`,
      tolerance: this.config.matching.roundingToleranceMinor,
    });
  }
}
