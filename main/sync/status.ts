/** What `ledgerbridge status` and the UI show about a company's QuickBooks mirror. */
import type { CompanyDb } from '../mirror/open';
import { localCount } from '../mirror/qbo/entity-tables';
import { companySyncStatus, donePages, syncState, type CompanySyncStatus } from '../mirror/qbo/sync-state';
import { MIRRORED_ENTITIES } from '../mirror/qbo/write';

export interface EntityMirrorStatus {
  entity: string;
  /** Rows in the mirror. */
  count: number;
  /** QBO's count(*) at the last check (null: not checked yet). */
  remoteCount: number | null;
  /** 'none' before the first pull; 'full' while a full pull is under way (resumable). */
  phase: 'none' | 'full' | 'incremental';
  /** QBO's time the entity is current to. */
  cursor: string | null;
  /** Pages of a running full pull already in the mirror, and the total it expects. */
  fullPull: { pagesDone: number; rowsDone: number; total: number | null } | null;
  lastSuccessAt: string | null;
  lastError: string | null;
}

export interface MirrorStatus {
  company: CompanySyncStatus;
  entities: EntityMirrorStatus[];
}

export function mirrorStatus(db: CompanyDb): MirrorStatus {
  return {
    company: companySyncStatus(db),
    entities: MIRRORED_ENTITIES.map((entity) => {
      const state = syncState(db, entity);
      const pages = state?.phase === 'full' ? donePages(db, entity) : null;
      return {
        entity,
        count: localCount(db, entity),
        remoteCount: state?.remoteCount ?? null,
        phase: state?.phase ?? 'none',
        cursor: state?.cursor ?? null,
        fullPull: pages
          ? { pagesDone: pages.size, rowsDone: [...pages.values()].reduce((a, b) => a + b, 0), total: state?.fullTotal ?? null }
          : null,
        lastSuccessAt: state?.lastSuccessAt ?? null,
        lastError: state?.lastError ?? null,
      };
    }),
  };
}
