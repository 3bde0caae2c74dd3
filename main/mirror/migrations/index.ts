import type { Migration } from '../migrate';
import { storeOrders001 } from './001-store-orders';

/** Every schema step, in order. Append new migrations here; never edit or reorder a shipped one. */
export const MIGRATIONS: readonly Migration[] = [storeOrders001];
