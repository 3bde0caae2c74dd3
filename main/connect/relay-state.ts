/**
 * `state` when a relay page stands in as redirect_uri (Intuit production keys refuse loopback
 * URIs). The relay must learn where to forward the callback, and only `state` survives the round
 * trip through Intuit, so it carries the loopback target next to the attempt's random nonce:
 *
 *   state = base64url("http://127.0.0.1:PORT/cb/PATHTOKEN") + "." + nonce
 *
 * The listener still compares the whole `state` with the one it issued, so a forged or replayed
 * state is refused there; the relay (build/oauth-relay.html) forwards only to 127.0.0.1 targets of
 * exactly this shape. Keep the two in step: the relay test checks both sides.
 */

export const CALLBACK_PREFIX = '/cb/';
const TARGET = /^http:\/\/127\.0\.0\.1:(\d{1,5})\/cb\/([A-Za-z0-9_-]{43})$/;

export function relayState(target: string, nonce: string): string {
  if (!TARGET.test(target)) throw new Error('relay target must be a 127.0.0.1 callback URL');
  return `${Buffer.from(target, 'utf8').toString('base64url')}.${nonce}`;
}

/** The loopback target a relay state points at, or null when it is not one of ours. */
export function relayTarget(state: string): string | null {
  const dot = state.indexOf('.');
  if (dot <= 0) return null;
  const target = Buffer.from(state.slice(0, dot), 'base64url').toString('utf8');
  const m = TARGET.exec(target);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 65535) return null;
  return target;
}
