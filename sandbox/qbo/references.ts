/** Resolving `{"value": Id}` references to entities of the realm, with QBO's faults. */
import type { QboEntityJson } from '../seed/types';
import type { EntityName } from './entities';
import { faults } from './faults';
import type { RealmStore } from './realm';

export interface Ref {
  value: string;
  name?: string;
}

export function refValue(ref: unknown): string | undefined {
  if (ref && typeof ref === 'object' && 'value' in ref) {
    const v = (ref as { value: unknown }).value;
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number') return String(v);
  }
  return undefined;
}

/**
 * The referenced entity, or a fault naming `element`: 2500 when the Id does not exist, 610 when
 * it exists but was made inactive (QBO's "Something you're trying to use has been made inactive").
 */
export function resolveRef(realm: RealmStore, entity: EntityName, ref: unknown, element: string): QboEntityJson {
  const id = refValue(ref);
  if (id === undefined) throw faults.requiredParam(element);
  const found = realm.get(entity, id);
  if (!found) throw faults.invalidReference(element, entity, id);
  if (found.Active === false) throw faults.objectNotFound(element);
  return found;
}

export function withName(ref: unknown, name: unknown): Ref {
  const value = refValue(ref)!;
  return typeof name === 'string' ? { value, name } : { value };
}
