/**
 * The entity operations (read, create, full/sparse update, delete, void) for one realm, shared by
 * the HTTP routes and batch. Each returns the entity JSON QBO would send or throws a QboFault;
 * a fault leaves the realm unchanged.
 */
import type { QboEntityJson } from '../seed/types';
import { qboTime } from './clock';
import { ENTITIES, type EntityName, isSalesTxn, TXN_TYPE_LABEL } from './entities';
import { faults } from './faults';
import { computeCustomer, computeItem } from './name-lists';
import type { QboOptions } from './options';
import { applicationsOf, computePayment, reapply } from './payments';
import type { RealmStore } from './realm';
import { computeSalesTxn, voidedSalesTxn } from './sales-txn';
import type { Row } from './table';

type Json = Record<string, unknown>;

export interface WriteFlags {
  /** `include=allowduplicatedocnum` (or batch optionsData) lifts the 6140 check. */
  allowDuplicateDocNum: boolean;
}

/** Fields the server owns; a client's values for them are ignored. */
const SERVER_FIELDS = ['Id', 'SyncToken', 'MetaData', 'domain', 'sparse', 'status'] as const;

function stripServerFields(body: Json): Json {
  const out = { ...body };
  for (const f of SERVER_FIELDS) delete out[f];
  return out;
}

export class Operations {
  constructor(
    private readonly realm: RealmStore,
    private readonly options: QboOptions,
    private readonly now: () => number,
  ) {}

  read(entity: EntityName, id: string): QboEntityJson {
    const row = this.realm.tables[entity].get(id);
    if (!row) throw faults.objectNotFound();
    return row.obj;
  }

  create(entity: EntityName, body: Json, flags: WriteFlags): QboEntityJson {
    this.assertWritable(entity);
    const nowMs = this.now();
    const input = stripServerFields(body);
    const computed = this.compute(entity, input, undefined, nowMs);
    this.checkDocNumber(entity, computed, '', flags);
    const id = this.realm.nextId(entity);
    const stamp = qboTime(nowMs);
    const obj: QboEntityJson = {
      ...computed,
      domain: 'QBO',
      sparse: false,
      Id: String(id),
      SyncToken: '0',
      MetaData: { CreateTime: stamp, LastUpdatedTime: stamp },
    };
    if (entity === 'Payment') reapply(this.realm, id, new Map(), applicationsOf(obj), nowMs);
    const row: Row = { key: obj.Id, id, obj, json: undefined, createdMs: nowMs, updatedMs: nowMs };
    this.realm.tables[entity].insert(row);
    this.realm.noteDocNumber(entity, obj.DocNumber);
    this.realm.batchCreated?.add(`${entity}:${obj.Id}`);
    return obj;
  }

  update(entity: EntityName, body: Json, flags: WriteFlags): QboEntityJson {
    this.assertWritable(entity);
    const row = this.current(entity, body);
    const nowMs = this.now();
    const existing = row.obj;
    const input = stripServerFields(body);
    // Sparse: only supplied fields change (arrays such as Line are replaced whole). Full: omitted writable fields are cleared.
    const base: Json = body.sparse === true || body.sparse === 'true' ? { ...stripServerFields(existing), ...input } : input;
    const computed = this.compute(entity, base, existing, nowMs);
    this.checkDocNumber(entity, computed, existing.Id, flags);
    const obj = this.stamped(existing, computed, nowMs);
    if (entity === 'Payment') reapply(this.realm, row.id, applicationsOf(existing), applicationsOf(obj), nowMs);
    this.realm.tables[entity].replace(row, obj, nowMs);
    this.realm.noteDocNumber(entity, obj.DocNumber);
    return obj;
  }

  remove(entity: EntityName, body: Json): Json {
    const meta = ENTITIES[entity];
    if (!meta.writable || meta.nameList) {
      throw faults.unsupportedOperation(`Operation Delete is not supported for ${entity}. Make it inactive instead (Active=false).`);
    }
    const row = this.current(entity, body);
    const nowMs = this.now();
    if (entity === 'Payment') reapply(this.realm, row.id, applicationsOf(row.obj), new Map(), nowMs);
    if (entity === 'Invoice' || entity === 'CreditMemo') this.assertNoPayments(row.obj, 'delete');
    this.realm.tables[entity].remove(row, nowMs);
    return { status: 'Deleted', domain: 'QBO', Id: row.key };
  }

  voidTxn(entity: EntityName, body: Json): QboEntityJson {
    if (!ENTITIES[entity].voidable) throw faults.unsupportedOperation(`Operation Void is not supported for ${entity}.`);
    const row = this.current(entity, body);
    const nowMs = this.now();
    let computed: Json;
    if (entity === 'Payment') {
      reapply(this.realm, row.id, applicationsOf(row.obj), new Map(), nowMs);
      const lines = ((row.obj.Line as Json[] | undefined) ?? []).map((l) => ({ ...l, Amount: 0 }));
      const note = row.obj.PrivateNote ? `Voided - ${String(row.obj.PrivateNote)}` : 'Voided';
      computed = { ...stripServerFields(row.obj), Line: lines, TotalAmt: 0, UnappliedAmt: 0, PrivateNote: note };
    } else {
      if (entity === 'Invoice') this.assertNoPayments(row.obj, 'void');
      computed = stripServerFields(voidedSalesTxn(row.obj));
    }
    const obj = this.stamped(row.obj, computed, nowMs);
    this.realm.tables[entity].replace(row, obj, nowMs);
    return obj;
  }

  /** The stored row an update/delete/void names, after the Id and SyncToken checks (2020, 610, 5010). */
  private current(entity: EntityName, body: Json): Row {
    if (body.Id === undefined || body.Id === null || body.Id === '') throw faults.requiredParam('Id');
    if (body.SyncToken === undefined || body.SyncToken === null || body.SyncToken === '') throw faults.requiredParam('SyncToken');
    const row = this.realm.row(entity, String(body.Id));
    if (!row) throw faults.objectNotFound();
    if (String(body.SyncToken) !== String(row.obj.SyncToken)) throw faults.staleObject();
    return row;
  }

  private stamped(existing: QboEntityJson, computed: Json, nowMs: number): QboEntityJson {
    const meta = existing.MetaData as Json;
    return {
      ...computed,
      domain: 'QBO',
      sparse: false,
      Id: existing.Id,
      SyncToken: String(Number(existing.SyncToken ?? 0) + 1),
      MetaData: { ...meta, LastUpdatedTime: qboTime(nowMs) },
    };
  }

  private compute(entity: EntityName, base: Json, existing: QboEntityJson | undefined, nowMs: number): Json {
    if (entity === 'Customer') return computeCustomer(this.realm, base, existing, this.options.renameInactive);
    if (entity === 'Item') return computeItem(this.realm, base, existing, this.options.renameInactive);
    if (entity === 'Payment') return computePayment(this.realm, base, existing, nowMs);
    if (isSalesTxn(entity)) return computeSalesTxn(this.realm, entity, base, existing, nowMs);
    throw faults.unsupportedOperation(`Operation Create/Update is not supported for ${entity}.`);
  }

  private checkDocNumber(entity: EntityName, obj: Json, selfId: string, flags: WriteFlags): void {
    if (!isSalesTxn(entity) || flags.allowDuplicateDocNum || !this.uniqueDocNumbers()) return;
    const doc = obj.DocNumber;
    if (typeof doc !== 'string' || doc === '') return;
    const holder = this.realm.tables[entity].holderOf(doc, selfId);
    if (holder !== undefined) throw faults.duplicateDocNumber(doc, TXN_TYPE_LABEL[entity] ?? entity, holder);
  }

  /**
   * QBO warns about duplicate sales-form numbers by default; a company can switch the warning off
   * (read from Preferences.OtherPrefs `WarnDuplicateDocNum`, default on).
   */
  private uniqueDocNumbers(): boolean {
    const prefs = this.realm.preferences() as { OtherPrefs?: { NameValue?: Array<{ Name?: string; Value?: string }> } };
    const entry = prefs.OtherPrefs?.NameValue?.find((nv) => nv.Name === 'WarnDuplicateDocNum');
    return entry?.Value !== 'false';
  }

  private assertWritable(entity: EntityName): void {
    if (!ENTITIES[entity].writable) throw faults.unsupportedOperation(`Operation Create/Update is not supported for ${entity}.`);
  }

  /** Deleting or voiding a document that payments still settle is refused; the payments must go first. */
  private assertNoPayments(invoice: QboEntityJson, what: string): void {
    const paid = ((invoice.LinkedTxn as Json[] | undefined) ?? []).some((l) => l.TxnType === 'Payment');
    if (paid) {
      throw faults.businessValidation(
        `You can't ${what} this transaction because it has payments applied to it. Remove the payments first.`,
      );
    }
  }
}
