/** A QBO client wired to a running sandbox, with a bearer token straight from the stand-in. */
import type { RetryPolicy } from '../../main/qbo/backoff';
import { QboClient } from '../../main/qbo/client';
import type { Clock } from '../../main/qbo/clock';
import { QBO_LIMITS, RealmLimiter, type LimitRule } from '../../main/qbo/limiter';
import { QboTransport, type AccessTokenSource } from '../../main/qbo/transport';
import type { RunningSandbox } from '../../sandbox/start';

/** The sandbox's first token pair; renewing asks the stand-in for a new pair. */
export function sandboxTokens(sandbox: RunningSandbox): AccessTokenSource & { renewals: number } {
  let current = sandbox.info.qbo.accessToken;
  const source = {
    renewals: 0,
    accessToken: async () => current,
    renewAfterRejection: async () => {
      source.renewals += 1;
      current = sandbox.oauth.issueTokens(sandbox.info.qbo.realmId).access_token;
      return current;
    },
  };
  return source;
}

export function sandboxClient(
  sandbox: RunningSandbox,
  options: { clock?: Clock; limiter?: RealmLimiter; limits?: readonly LimitRule[]; retry?: RetryPolicy; onRetry?: ConstructorParameters<typeof QboTransport>[0]['onRetry']; tokens?: AccessTokenSource; random?: () => number } = {},
): QboClient {
  const transport = new QboTransport({
    tokens: options.tokens ?? sandboxTokens(sandbox),
    limiter: options.limiter ?? new RealmLimiter(options.clock ?? { now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }, options.limits ?? QBO_LIMITS),
    clock: options.clock,
    retry: options.retry,
    onRetry: options.onRetry,
    random: options.random,
  });
  return new QboClient(transport, sandbox.info.qbo.apiBase, sandbox.info.qbo.realmId);
}
