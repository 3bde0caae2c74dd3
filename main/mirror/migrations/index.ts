import type { Migration } from '../migrate';
import { storeOrders001 } from './001-store-orders';
import { qboEntities002 } from './002-qbo-entities';
import { qboSyncState003 } from './003-qbo-sync-state';
import { reconcile004 } from './004-reconcile';
import { storeSyncState005 } from './005-store-sync-state';
import { reconcileRowid006 } from './006-reconcile-rowid';
import { mirrorChanges007 } from './007-mirror-changes';
import { storeOrderSums008 } from './008-store-order-sums';
import { reconcileDigest009 } from './009-reconcile-digest';
import { verdictVersion010 } from './010-verdict-version';
import { narrowListIndexes011 } from './011-narrow-list-indexes';
import { numberIndexFilters012 } from './012-number-index-filters';

/** Every schema step, in order. Append new migrations here; never edit or reorder a shipped one. */
export const MIGRATIONS: readonly Migration[] = [storeOrders001, qboEntities002, qboSyncState003, reconcile004, storeSyncState005, reconcileRowid006, mirrorChanges007, storeOrderSums008, reconcileDigest009, verdictVersion010, narrowListIndexes011, numberIndexFilters012];
