/**
 * The QBO Accounting API v3 for one company (realm): query with paging, read, create, sparse
 * update, void, delete, batch and CDC, always at minorversion 75. Every write needs a `requestid`
 * chosen by the caller (the outbox fixes it at approval so a retry can never post twice).
 */
import { z } from 'zod';
import { QboFaultError, QboResponseError, QboUsageError } from './errors';
import { batchEnvelope, cdcEnvelope, entityEnvelope, entityRecord, queryEnvelope, rowsOf, type QboEntity } from './envelopes';
import { faultFromJson } from './parse-fault';
import type { QboResponse, QboTransport } from './transport';

export const MINOR_VERSION = 75;
export const QUERY_PAGE_SIZE = 1000;
/** qbo-api.md §7: requestid at most 50 characters, 36 for batch; bId at most 10 with a requestid. */
const MAX_REQUEST_ID = 50;
const MAX_BATCH_REQUEST_ID = 36;
const MAX_BATCH_BID = 10;
export const MAX_BATCH_ITEMS = 30;

/** Entities voided through `operation=update&include=void` (sparse) rather than `operation=void`. */
const VOID_BY_UPDATE = new Set(['Payment', 'SalesReceipt', 'BillPayment']);

export interface WriteOptions {
  requestId: string;
  signal?: AbortSignal;
}

export interface QueryPage {
  entity: string | null;
  rows: QboEntity[];
  startPosition: number;
}

export type BatchItem =
  | { bId: string; operation: 'create' | 'update' | 'delete'; entity: string; body: QboEntity; optionsData?: string }
  | { bId: string; query: string };

export type BatchResult =
  | { bId: string; ok: true; entity: string | null; value: unknown }
  | { bId: string; ok: false; error: QboFaultError };

export interface CdcResult {
  /** Changed objects per entity name; deleted ones come as `{ Id, status: "Deleted" }`. */
  changes: Record<string, QboEntity[]>;
  /** QBO's time of the answer: the next `changedSince`. */
  time: string;
}

function checkRequestId(requestId: string, max: number): void {
  if (requestId.length === 0 || requestId.length > max) {
    throw new QboUsageError(`requestid must be 1 to ${max} characters (got ${requestId.length})`);
  }
}

function checkEntityName(entity: string): void {
  if (!/^[A-Z][A-Za-z]+$/.test(entity)) throw new QboUsageError(`not a QBO entity name: ${JSON.stringify(entity)}`);
}

export class QboClient {
  private readonly base: string;

  constructor(
    private readonly transport: QboTransport,
    apiBase: string,
    readonly realmId: string,
  ) {
    if (!/^\d+$/.test(realmId)) throw new QboUsageError(`realm id must be digits, got ${JSON.stringify(realmId)}`);
    this.base = `${apiBase.replace(/\/+$/, '')}/v3/company/${realmId}`;
  }

  private url(path: string, params: Record<string, string> = {}): string {
    const search = new URLSearchParams({ ...params, minorversion: String(MINOR_VERSION) });
    return `${this.base}/${path}?${search}`;
  }

  private parse<T extends z.ZodType>(schema: T, response: QboResponse, what: string): z.output<T> {
    const parsed = schema.safeParse(response.body);
    if (!parsed.success) {
      // A 200 can still carry a Fault (qbo-api.md §5).
      const fault = faultFromJson(response.body);
      if (fault) throw new QboFaultError(fault.type, fault.errors, response.status, response.intuitTid);
      throw new QboResponseError(`QuickBooks answered ${what} with an unexpected body: ${parsed.error.issues[0]?.message ?? ''}`, response.status, response.intuitTid);
    }
    return parsed.data;
  }

  private entityFrom(entity: string, response: QboResponse): QboEntity {
    const envelope = this.parse(entityEnvelope(entity), response, entity);
    return entityRecord.parse(envelope[entity]);
  }

  /** One page of a SELECT; `statement` must not carry STARTPOSITION/MAXRESULTS itself. */
  async queryPage(statement: string, startPosition = 1, pageSize = QUERY_PAGE_SIZE, signal?: AbortSignal): Promise<QueryPage> {
    if (/\b(STARTPOSITION|MAXRESULTS)\b/i.test(statement)) {
      throw new QboUsageError('pass the statement without STARTPOSITION/MAXRESULTS; the client pages it');
    }
    if (pageSize < 1 || pageSize > QUERY_PAGE_SIZE) throw new QboUsageError(`page size must be 1..${QUERY_PAGE_SIZE}`);
    const query = `${statement.trim()} STARTPOSITION ${startPosition} MAXRESULTS ${pageSize}`;
    const response = await this.transport.send({ kind: 'request', method: 'GET', url: this.url('query', { query }), signal });
    const envelope = this.parse(queryEnvelope, response, 'a query');
    const { entity, rows } = rowsOf(envelope.QueryResponse);
    return { entity, rows, startPosition };
  }

  /** Every page of a SELECT, 1000 rows at a time, until a short page. */
  async *queryPages(statement: string, pageSize = QUERY_PAGE_SIZE, signal?: AbortSignal): AsyncGenerator<QueryPage> {
    let start = 1;
    for (;;) {
      const page = await this.queryPage(statement, start, pageSize, signal);
      yield page;
      if (page.rows.length < pageSize) return;
      start += page.rows.length;
    }
  }

  async queryAll(statement: string, signal?: AbortSignal): Promise<QboEntity[]> {
    const all: QboEntity[] = [];
    for await (const page of this.queryPages(statement, QUERY_PAGE_SIZE, signal)) all.push(...page.rows);
    return all;
  }

  /** `SELECT COUNT(*) FROM ...` */
  async count(statement: string, signal?: AbortSignal): Promise<number> {
    const response = await this.transport.send({ kind: 'request', method: 'GET', url: this.url('query', { query: statement }), signal });
    const envelope = this.parse(queryEnvelope, response, 'a count');
    return envelope.QueryResponse.totalCount ?? 0;
  }

  async read(entity: string, id: string, signal?: AbortSignal): Promise<QboEntity> {
    checkEntityName(entity);
    const response = await this.transport.send({
      kind: 'request',
      method: 'GET',
      url: this.url(`${entity.toLowerCase()}/${encodeURIComponent(id)}`),
      signal,
    });
    return this.entityFrom(entity, response);
  }

  async companyInfo(signal?: AbortSignal): Promise<QboEntity> {
    return this.read('CompanyInfo', this.realmId, signal);
  }

  private async write(entity: string, params: Record<string, string>, body: QboEntity, options: WriteOptions): Promise<QboEntity> {
    checkEntityName(entity);
    checkRequestId(options.requestId, MAX_REQUEST_ID);
    const response = await this.transport.send({
      kind: 'request',
      method: 'POST',
      url: this.url(entity.toLowerCase(), { ...params, requestid: options.requestId }),
      body,
      signal: options.signal,
    });
    return this.entityFrom(entity, response);
  }

  create(entity: string, body: QboEntity, options: WriteOptions): Promise<QboEntity> {
    if ('Id' in body) throw new QboUsageError('a create must not carry an Id');
    return this.write(entity, {}, body, options);
  }

  /** Sparse update: only the fields given change; `Id` and `SyncToken` are required. */
  update(entity: string, body: QboEntity & { Id: string; SyncToken: string }, options: WriteOptions): Promise<QboEntity> {
    return this.write(entity, { operation: 'update' }, { ...body, sparse: true }, options);
  }

  void(entity: string, ref: { Id: string; SyncToken: string }, options: WriteOptions): Promise<QboEntity> {
    const body = { Id: ref.Id, SyncToken: ref.SyncToken };
    return VOID_BY_UPDATE.has(entity)
      ? this.write(entity, { operation: 'update', include: 'void' }, { ...body, sparse: true }, options)
      : this.write(entity, { operation: 'void' }, body, options);
  }

  delete(entity: string, ref: { Id: string; SyncToken: string }, options: WriteOptions): Promise<QboEntity> {
    return this.write(entity, { operation: 'delete' }, { Id: ref.Id, SyncToken: ref.SyncToken }, options);
  }

  /** Up to 30 operations in one call; item failures come back per item, not as a thrown error. */
  async batch(items: BatchItem[], options: WriteOptions): Promise<BatchResult[]> {
    if (items.length === 0) throw new QboUsageError('a batch needs at least one item');
    if (items.length > MAX_BATCH_ITEMS) throw new QboUsageError(`a batch holds at most ${MAX_BATCH_ITEMS} items`);
    checkRequestId(options.requestId, MAX_BATCH_REQUEST_ID);
    const ids = new Set<string>();
    const request = items.map((item) => {
      if (item.bId.length === 0 || item.bId.length > MAX_BATCH_BID) throw new QboUsageError(`bId must be 1 to ${MAX_BATCH_BID} characters`);
      if (ids.has(item.bId)) throw new QboUsageError(`bId ${item.bId} is used twice`);
      ids.add(item.bId);
      if ('query' in item) return { bId: item.bId, Query: item.query };
      checkEntityName(item.entity);
      return {
        bId: item.bId,
        operation: item.operation,
        ...(item.optionsData === undefined ? {} : { optionsData: item.optionsData }),
        [item.entity]: item.body,
      };
    });
    const response = await this.transport.send({
      kind: 'batch',
      method: 'POST',
      url: this.url('batch', { requestid: options.requestId }),
      body: { BatchItemRequest: request },
      signal: options.signal,
    });
    const envelope = this.parse(batchEnvelope, response, 'a batch');
    return envelope.BatchItemResponse.map((item): BatchResult => {
      const fault = item.Fault === undefined ? null : faultFromJson({ Fault: item.Fault });
      if (fault) return { bId: item.bId, ok: false, error: new QboFaultError(fault.type, fault.errors, response.status, response.intuitTid) };
      const key = Object.keys(item).find((k) => k !== 'bId' && k !== 'time');
      return { bId: item.bId, ok: true, entity: key ?? null, value: key === undefined ? null : item[key] };
    });
  }

  /** Change Data Capture since an instant (≤ 30 days back; at most 1000 objects per answer). */
  async cdc(entities: string[], changedSince: string, signal?: AbortSignal): Promise<CdcResult> {
    if (entities.length === 0) throw new QboUsageError('cdc needs at least one entity');
    entities.forEach(checkEntityName);
    const response = await this.transport.send({
      kind: 'request',
      method: 'GET',
      url: this.url('cdc', { entities: entities.join(','), changedSince }),
      signal,
    });
    const envelope = this.parse(cdcEnvelope, response, 'a CDC request');
    const changes: Record<string, QboEntity[]> = {};
    for (const block of envelope.CDCResponse) {
      for (const queryResponse of block.QueryResponse) {
        const { entity, rows } = rowsOf(queryResponse);
        if (entity !== null) changes[entity] = [...(changes[entity] ?? []), ...rows];
      }
    }
    return { changes, time: envelope.time };
  }
}
