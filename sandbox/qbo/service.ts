/**
 * The HTTP face of the stand-in: `/v3/company/{realmId}/...` with the gateway checks first
 * (bearer token → 401/403 gateway bodies, per-realm rate limits → 429), then `requestid` replay,
 * then the data-service routes. Every response carries an `intuit_tid` header.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, newIntuitTid, readBody } from '../common/http';
import type { RequestHandler, StandInOptions, TokenVerifier } from '../common/types';
import type { SeedBooks } from '../seed/types';
import { runBatch } from './batch';
import { runCdc } from './cdc';
import { qboTime } from './clock';
import { ENTITY_NAMES, type EntityName } from './entities';
import { QboFault, faultBody, faults, gatewayFaultBody, throttleBody } from './faults';
import { Operations, type WriteFlags } from './operations';
import type { QboOptions } from './options';
import { queryResponseJson, runQuery } from './query-exec';
import { RateLimiter } from './rate-limits';
import { type RealmState, RealmStore, type StoredResponse } from './realm';
import { rowJson } from './table';

const JSON_TYPE = 'application/json;charset=UTF-8';
const PATH = /^\/v3\/company\/([^/?]+)\/([^?]*)(?:\?(.*))?$/;
const URL_ENTITIES = new Map<string, EntityName>(ENTITY_NAMES.map((n) => [n.toLowerCase(), n]));
const REQUEST_ID_MAX = 50;
const BATCH_REQUEST_ID_MAX = 36;

interface Reply {
  status: number;
  body: string;
}

type Json = Record<string, unknown>;

export class QboService {
  private readonly realms = new Map<string, RealmStore>();
  private readonly ops = new Map<string, Operations>();
  private readonly limiter = new RateLimiter();

  constructor(
    private readonly tokens: TokenVerifier,
    private readonly options: StandInOptions,
    private readonly qbo: QboOptions,
  ) {}

  readonly handler: RequestHandler = (req, res) => {
    this.handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        const f = new QboFault([{ Message: 'An application error has occurred while processing your request', Detail: `System Failure Error: ${String(err)}`, code: '10000', element: '' }], 'SystemFault', 500);
        this.send(res, { status: 500, body: faultBody(f, this.options.now()) }, newIntuitTid(this.options.now()));
      } else {
        res.destroy();
      }
    });
  };

  addRealm(books: SeedBooks): void {
    this.putRealm(RealmStore.fromSeed(books, this.options.now));
  }

  realm(realmId: string): RealmStore {
    const realm = this.realms.get(realmId);
    if (!realm) throw new Error(`unknown realm ${realmId}`);
    return realm;
  }

  throttled(res: ServerResponse): void {
    const now = this.options.now();
    const body = throttleBody(now);
    res.writeHead(429, {
      'Content-Type': 'application/xml;charset=UTF-8',
      'Content-Length': String(Buffer.byteLength(body)),
      intuit_tid: newIntuitTid(now),
    });
    res.end(body);
  }

  exportState(): { realms: RealmState[] } {
    return { realms: [...this.realms.values()].map((r) => r.exportState()) };
  }

  importState(state: unknown): void {
    const realms = (state as { realms?: RealmState[] } | null)?.realms;
    if (!Array.isArray(realms)) throw new Error('QBO state must be { realms: [...] }');
    this.realms.clear();
    this.ops.clear();
    for (const r of realms) this.putRealm(RealmStore.fromState(r, this.options.now));
  }

  private putRealm(realm: RealmStore): void {
    this.realms.set(realm.realmId, realm);
    this.ops.set(realm.realmId, new Operations(realm, this.qbo, this.options.now));
  }

  private send(res: ServerResponse, reply: Reply, tid: string): void {
    res.writeHead(reply.status, {
      'Content-Type': JSON_TYPE,
      'Content-Length': String(Buffer.byteLength(reply.body)),
      intuit_tid: tid,
    });
    res.end(reply.body);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const now = this.options.now();
    const tid = newIntuitTid(now);
    const match = PATH.exec(req.url ?? '');
    if (!match) {
      this.send(res, { status: 404, body: faultBody(faults.notFound(req.url ?? ''), now) }, tid);
      return;
    }
    const realmId = decodeURIComponent(match[1]!);
    const resource = match[2]!;
    const params = new URLSearchParams(match[3] ?? '');

    const auth = this.authenticate(req, realmId, now);
    if (auth) {
      this.send(res, auth, tid);
      return;
    }
    const isBatch = resource === 'batch';
    if (this.options.rateLimits === 'real' && !this.limiter.admit(realmId, isBatch, now)) {
      this.throttled(res);
      return;
    }
    const realm = this.realms.get(realmId)!;
    const requestId = params.get('requestid');
    if (requestId !== null) {
      const max = isBatch ? BATCH_REQUEST_ID_MAX : REQUEST_ID_MAX;
      if (requestId.length > max) {
        this.send(res, { status: 400, body: faultBody(faults.requestIdTooLong(max), now) }, tid);
        return;
      }
    }
    let body = '';
    if (req.method === 'POST') {
      try {
        body = await readBody(req);
      } catch (err) {
        if (err instanceof BodyTooLargeError) {
          this.send(res, { status: 413, body: faultBody(faults.invalidProperty('Request body too large'), now) }, tid);
          return;
        }
        throw err;
      }
    }
    // Checked after the body is read so that look-up, write and remembering happen without an
    // await in between: two concurrent requests with one requestid cannot both write.
    if (requestId !== null) {
      const stored = this.replay(realm, requestId, now);
      if (stored) {
        this.send(res, stored, tid);
        return;
      }
    }
    let reply: Reply;
    try {
      reply = { status: 200, body: this.route(realm, req.method ?? 'GET', resource, params, body, now) };
    } catch (err) {
      if (!(err instanceof QboFault)) throw err;
      reply = { status: err.status, body: faultBody(err, now) };
    }
    if (requestId !== null) realm.requestIds.set(requestId, { atMs: now, ...reply });
    this.send(res, reply, tid);
  }

  /** The gateway's verdict on the bearer token; null when the request may pass. */
  private authenticate(req: IncomingMessage, realmId: string, now: number): Reply | null {
    const header = req.headers.authorization;
    const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!m) return gatewayFaultBody('authentication', 'Authorization header missing or not a Bearer token', now);
    const check = this.tokens.verifyAccessToken(m[1]!);
    if (!check.ok) {
      const detail = check.reason === 'expired' ? 'Token expired' : 'Malformed bearer token: too short or too long';
      return gatewayFaultBody('authentication', detail, now);
    }
    if (check.realmId !== realmId || !this.realms.has(realmId)) {
      return gatewayFaultBody('authorization', `The token is not authorized for realm ${realmId}`, now);
    }
    return null;
  }

  private replay(realm: RealmStore, requestId: string, now: number): StoredResponse | undefined {
    const cutoff = now - this.qbo.requestIdRetentionMs;
    for (const [key, stored] of realm.requestIds) {
      if (stored.atMs > cutoff) break;
      realm.requestIds.delete(key);
    }
    return realm.requestIds.get(requestId);
  }

  private route(realm: RealmStore, method: string, resource: string, params: URLSearchParams, body: string, now: number): string {
    const time = qboTime(now, true);
    const ops = this.ops.get(realm.realmId)!;
    const segments = resource.split('/').filter((s) => s !== '');
    const head = segments[0] ?? '';
    if (head === 'query' && segments.length === 1) {
      const text = method === 'POST' && body.trim() !== '' ? body : (params.get('query') ?? '');
      const result = runQuery(realm, text);
      return `{"QueryResponse":${queryResponseJson(result, this.qbo.queryTotalCount)},"time":"${time}"}`;
    }
    if (head === 'batch' && segments.length === 1 && method === 'POST') {
      return `{"BatchItemResponse":${runBatch(realm, ops, parseJson(body), now, this.qbo)},"time":"${time}"}`;
    }
    if (head === 'cdc' && segments.length === 1) {
      return `{"CDCResponse":${runCdc(realm, params.get('entities'), params.get('changedSince') ?? params.get('changedsince'), now, this.qbo)},"time":"${time}"}`;
    }
    const entity = URL_ENTITIES.get(head);
    if (!entity || head !== entity.toLowerCase()) throw faults.unsupportedOperation(`Operation ${resource} is not supported.`);
    if (method === 'GET') {
      if (entity === 'Preferences' && segments.length === 1) return this.single(realm, 'Preferences', undefined, time);
      if (segments.length === 2) {
        const id = decodeURIComponent(segments[1]!);
        return this.single(realm, entity, entity === 'CompanyInfo' && id === realm.realmId ? undefined : id, time);
      }
      throw faults.unsupportedOperation(`Operation GET ${resource} is not supported.`);
    }
    if (method !== 'POST' || segments.length !== 1) throw faults.unsupportedOperation(`Operation ${method} ${resource} is not supported.`);
    const payload = parseJson(body) as Json;
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw faults.invalidProperty('request body', '');
    const operation = (params.get('operation') ?? '').toLowerCase();
    const include = (params.get('include') ?? '').toLowerCase();
    const flags: WriteFlags = { allowDuplicateDocNum: include.split(',').includes('allowduplicatedocnum') };
    let result: Json;
    if (operation === 'delete') result = ops.remove(entity, payload);
    else if (operation === 'void' || (operation === 'update' && include.split(',').includes('void'))) result = ops.voidTxn(entity, payload);
    else if (operation === 'update' || (operation === '' && payload.Id !== undefined)) result = ops.update(entity, payload, flags);
    else if (operation === '' || operation === 'create') result = ops.create(entity, payload, flags);
    else throw faults.unsupportedOperation(`Operation ${operation} is not supported.`);
    return `{"${entity}":${JSON.stringify(result)},"time":"${time}"}`;
  }

  /** One entity by Id (or the singleton when `id` is undefined), from its cached JSON. */
  private single(realm: RealmStore, entity: EntityName, id: string | undefined, time: string): string {
    const table = realm.tables[entity];
    const row = id === undefined ? table.rows[0] : table.get(id);
    if (!row) {
      const f = faults.objectNotFound();
      throw new QboFault(f.errors, f.type, this.qbo.notFoundStatus);
    }
    return `{"${entity}":${rowJson(row)},"time":"${time}"}`;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw faults.invalidProperty(`Request body could not be parsed as JSON`);
  }
}
