/**
 * The one API between the renderer and main. Every call the renderer can make and every event
 * main pushes is declared here, once. Main's handler table is typed against `calls`, Electron's
 * preload and the browser-mode adapter both derive `window.ledgerbridge` from it, and main
 * validates every request with the schema below before doing any work.
 *
 * This file is shared by all three processes, so it imports nothing but zod.
 */
import { z } from 'zod';
import { orderDetailSchema, orderListPageSchema, orderListQuerySchema, orderResultSchema, reviewSummarySchema } from './review-views';

const empty = z.object({}).strict();
const realmId = z.string().regex(/^\d{1,32}$/, 'a QuickBooks realm id is digits only');

export const environmentSchema = z.enum(['production', 'sandbox', 'local']);
export type Environment = z.infer<typeof environmentSchema>;

export const connectionStateSchema = z.enum(['connected', 'reconnect_needed', 'disconnected']);

export const companySchema = z.object({
  realmId: z.string(),
  name: z.string(),
  environment: environmentSchema,
  connection: connectionStateSchema,
  addedAt: z.string(),
});
export type Company = z.infer<typeof companySchema>;

/** What the user enters once per environment; the secret goes to the OS keychain, never back. */
export const connectRequestSchema = z
  .object({
    environment: environmentSchema,
    clientId: z.string().trim().min(1).max(200).optional(),
    /** Only when entering or replacing it; left out, the one in the keychain is used. */
    clientSecret: z.string().min(1).max(500).optional(),
    /** The local stand-in's discovery document (local only; Intuit's are built in). */
    discoveryUrl: z.url().max(2000).optional(),
    /** HTTPS relay page to use as redirect_uri (Intuit production keys refuse loopback URIs). */
    relayUrl: z.url().max(2000).optional(),
  })
  .strict();

export const intuitAppSchema = z.object({
  environment: environmentSchema,
  clientId: z.string(),
  discoveryUrl: z.string().optional(),
  relayUrl: z.string().optional(),
  /** Whether the keychain holds this app's client secret (never the secret itself). */
  hasSecret: z.boolean(),
});
export type IntuitApp = z.infer<typeof intuitAppSchema>;

export const connectPhaseSchema = z.enum(['discovering', 'waiting_for_browser', 'exchanging', 'connected', 'failed']);

export const storeKindSchema = z.enum(['shopify', 'woocommerce', 'csv', 'api2cart']);

export const storeSchema = z.object({
  id: z.string(),
  realmId: z.string(),
  kind: storeKindSchema,
  name: z.string(),
  address: z.string().optional(),
});
export type Store = z.infer<typeof storeSchema>;

export const appInfoSchema = z.object({
  name: z.literal('Ledgerbridge'),
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

function call<Req extends z.ZodType, Res extends z.ZodType>(def: {
  summary: string;
  request: Req;
  response: Res;
}) {
  return def;
}

export const calls = {
  getAppInfo: call({
    summary: 'Name, version, mode and data folder of the running app.',
    request: empty,
    response: appInfoSchema,
  }),
  listCompanies: call({
    summary: 'Every QuickBooks company this workstation keeps, with its connection state.',
    request: empty,
    response: z.array(companySchema),
  }),
  listStores: call({
    summary: 'Store connections, optionally of one company. Never carries credentials.',
    request: z.object({ realmId: z.string().min(1).optional() }).strict(),
    response: z.array(storeSchema),
  }),
  connectQuickBooks: call({
    summary:
      'Connect (or reconnect) a QuickBooks Online company: opens the browser on Intuit and resolves once the company is connected. Progress arrives as connectProgress events.',
    request: connectRequestSchema,
    response: companySchema,
  }),
  cancelConnect: call({
    summary: 'Stop a connection attempt that is waiting for the browser.',
    request: empty,
    response: z.object({ cancelled: z.boolean() }),
  }),
  disconnectCompany: call({
    summary: 'Revoke a company’s QuickBooks authorization and forget its token; its local data stays.',
    request: z.object({ realmId: z.string().regex(/^\d{1,32}$/, 'a QuickBooks realm id is digits only') }).strict(),
    response: companySchema,
  }),
  listIntuitApps: call({
    summary: 'The Intuit app set up per environment (client id, endpoints, whether a secret is stored).',
    request: empty,
    response: z.array(intuitAppSchema),
  }),
  openDemoCompany: call({
    summary: 'Connect the built-in demo company (local stand-in servers) and open it.',
    request: empty,
    response: companySchema,
  }),
  syncCompany: call({
    summary: 'Pull the company’s stores and QuickBooks into the mirror, then reconcile. Progress arrives as syncProgress events.',
    request: z.object({ realmId, full: z.boolean().optional() }).strict(),
    response: z.object({
      qbo: z.object({
        status: z.enum(['synced', 'offline', 'failed']),
        error: z.string().nullable(),
        mode: z.enum(['full', 'incremental']).nullable(),
        requests: z.number().int(),
        seconds: z.number(),
      }),
      stores: z.array(
        z.object({
          name: z.string(),
          status: z.enum(['synced', 'failed', 'stopped']),
          added: z.number().int(),
          updated: z.number().int(),
          unchanged: z.number().int(),
          warnings: z.array(z.string()),
          error: z.string().nullable(),
        }),
      ),
      summary: reviewSummarySchema,
    }),
  }),
  reconcileCompany: call({
    summary: 'Reconcile a company from its local mirror (no network) and return the summary.',
    request: z.object({ realmId }).strict(),
    response: reviewSummarySchema,
  }),
  getReviewSummary: call({
    summary: 'Counts and amounts per reconciliation status, as last computed.',
    request: z.object({ realmId }).strict(),
    response: reviewSummarySchema,
  }),
  listReviewOrders: call({
    summary: 'A page of orders with their status, filtered, searched and sorted.',
    request: orderListQuerySchema,
    response: orderListPageSchema,
  }),
  getOrderDetail: call({
    summary: 'One order: both sides, the field differences, the match and its reasons.',
    request: z.object({ realmId, orderKey: z.string().min(1).max(300) }).strict(),
    response: orderDetailSchema,
  }),
  decideOrder: call({
    summary: 'Record a bookkeeper decision on an order, then reconcile it again.',
    request: z
      .object({
        realmId,
        orderKey: z.string().min(1).max(300),
        decision: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('confirm'), docKey: z.string().min(1) }).strict(),
          z.object({ kind: z.literal('reject'), docKey: z.string().min(1) }).strict(),
          z.object({ kind: z.literal('accept'), docKey: z.string().min(1), field: z.string().min(1).max(200) }).strict(),
          z.object({ kind: z.literal('ignore'), reason: z.string().trim().min(1, 'say why the order is ignored').max(500) }).strict(),
          z.object({ kind: z.literal('unignore') }).strict(),
        ]),
      })
      .strict(),
    response: orderResultSchema,
  }),
} as const;

export const events = {
  companiesChanged: z.object({}),
  syncProgress: z.object({
    realmId: z.string(),
    source: z.string(),
    entity: z.string(),
    phase: z.enum(['starting', 'pulling', 'writing', 'done', 'failed', 'cancelled']),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
    ratePerSecond: z.number().nonnegative().nullable(),
  }),
  outboxChanged: z.object({ realmId: z.string() }),
  connectProgress: z.object({
    phase: connectPhaseSchema,
    /** While waiting: the URL to open by hand when no browser came up. */
    authorizeUrl: z.string().optional(),
    browserOpened: z.boolean().optional(),
    realmId: z.string().optional(),
    message: z.string().optional(),
  }),
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallRequest<K extends CallName> = z.input<Calls[K]['request']>;
export type ParsedRequest<K extends CallName> = z.output<Calls[K]['request']>;
export type CallResponse<K extends CallName> = z.output<Calls[K]['response']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const callNames = Object.keys(calls) as CallName[];
export const eventNames = Object.keys(events) as EventName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** Error codes a call can fail with; browser mode maps each to an HTTP status. */
export const errorCodeSchema = z.enum([
  'invalid_request',
  'unknown_call',
  'not_available',
  'not_found',
  'conflict',
  'offline',
  'unauthorized',
  'forbidden',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const apiErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  field: z.string().optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

/** What crosses IPC or HTTP: never a thrown Error, whose fields Electron's IPC would drop. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** Thrown in the renderer when a call fails; carries main's code, message and field. */
export class LedgerbridgeError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'LedgerbridgeError';
    this.code = body.code;
    this.field = body.field;
  }
}

/** The object the renderer sees as `window.ledgerbridge`: one named function per call. */
export type LedgerbridgeApi = {
  [K in CallName]: (request: CallRequest<K>) => Promise<CallResponse<K>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export const IPC_CALL_CHANNEL = 'ledgerbridge:call';
export const IPC_EVENT_CHANNEL = 'ledgerbridge:event';

/** Browser mode: one POST per call under this prefix, events as server-sent events. */
export const BROWSER_API_PREFIX = '/api/call/';
export const BROWSER_EVENTS_PATH = '/api/events';
