/** The worker's side of the limiter and the token source: each call is a message to the app's thread. */
import type { MessagePort } from 'node:worker_threads';
import { systemClock } from '../../qbo/clock';
import { RealmLimiter, type Permit, type RequestKind } from '../../qbo/limiter';
import type { AccessTokenSource } from '../../qbo/transport';
import { SyncOfflineError } from '../errors';
import type { FromWorker, ToWorker } from './protocol';

type Pending = { resolve: (value: string | null) => void; reject: (error: Error) => void };

export class ParentLink {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** `realmId`: the company this worker pulls, named in the errors it relays. */
  constructor(
    private readonly port: MessagePort,
    private readonly realmId: string,
  ) {}

  send(message: FromWorker): void {
    this.port.postMessage(message);
  }

  /** Routes the parent's replies; returns false for messages that are not replies. */
  receive(message: ToWorker): boolean {
    if (message.type === 'cancel') return false;
    const waiter = this.pending.get(message.id);
    if (!waiter) return true;
    this.pending.delete(message.id);
    if (message.type === 'permit') waiter.resolve(null);
    else if (message.type === 'token') waiter.resolve(message.token);
    else {
      const error = message.type === 'token-failed' && message.offline ? new SyncOfflineError(this.realmId, new Error(message.message)) : new Error(message.message);
      if (message.type === 'token-failed' && !message.offline) error.name = message.name;
      waiter.reject(error);
    }
    return true;
  }

  ask(build: (id: number) => FromWorker): { id: number; reply: Promise<string | null> } {
    const id = this.nextId++;
    const reply = new Promise<string | null>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.send(build(id));
    return { id, reply };
  }

  forget(id: number): void {
    this.pending.delete(id);
  }
}

/** Permits come from the app thread's limiter for the realm. */
export class RemoteLimiter extends RealmLimiter {
  constructor(private readonly link: ParentLink) {
    super(systemClock, []);
  }

  override acquire(kind: RequestKind = 'request', signal?: AbortSignal): Promise<Permit> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const { id, reply } = this.link.ask((n) => ({ type: 'acquire', id: n, kind }));
    return new Promise<Permit>((resolve, reject) => {
      const onAbort = () => {
        this.link.forget(id);
        this.link.send({ type: 'abandon', id });
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      reply.then(
        () => {
          signal?.removeEventListener('abort', onAbort);
          let released = false;
          resolve({
            release: () => {
              if (released) return;
              released = true;
              this.link.send({ type: 'release', id });
            },
          });
        },
        (error: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }
}

export class RemoteTokens implements AccessTokenSource {
  constructor(private readonly link: ParentLink) {}

  async accessToken(): Promise<string> {
    return (await this.link.ask((id) => ({ type: 'token', id, op: 'access', rejected: null })).reply)!;
  }

  async renewAfterRejection(rejected: string): Promise<string> {
    return (await this.link.ask((id) => ({ type: 'token', id, op: 'renew', rejected })).reply)!;
  }
}
