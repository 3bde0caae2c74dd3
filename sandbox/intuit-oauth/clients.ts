/**
 * Registered client apps (what the Intuit developer portal's "Keys" tab holds) and redirect-URI
 * matching. Intuit matches redirect URIs exactly; development keys may also list plain-http
 * localhost. For a desktop app's loopback listener (ephemeral port, unguessable path) a loopback
 * host may be registered as `http://127.0.0.1:*\/*` or `http://localhost:*\/*`: any port, any path.
 */

export interface ClientApp {
  clientId: string;
  clientSecret: string;
  /** Shown on the consent page: "Connect <name> to <company>". */
  name: string;
  redirectUris: string[];
}

const LOOPBACK_PATTERN = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\*\/\*$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export class ClientRegistrationError extends Error {}

export function validateRegistration(app: ClientApp): void {
  if (!app.clientId || !app.clientSecret) throw new ClientRegistrationError('clientId and clientSecret are required');
  if (app.redirectUris.length === 0) throw new ClientRegistrationError('at least one redirect URI is required');
  for (const uri of app.redirectUris) {
    if (LOOPBACK_PATTERN.test(uri)) continue;
    if (uri.includes('*')) {
      throw new ClientRegistrationError(`redirect URI "${uri}": wildcards are only allowed as http://127.0.0.1:*/* or http://localhost:*/*`);
    }
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      throw new ClientRegistrationError(`redirect URI "${uri}" is not a URL`);
    }
    if (url.hash) throw new ClientRegistrationError(`redirect URI "${uri}" must not have a fragment`);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
      throw new ClientRegistrationError(`redirect URI "${uri}" must be https (plain http only for localhost)`);
    }
  }
}

export function redirectUriAllowed(app: ClientApp, candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.hash) return false;
  for (const registered of app.redirectUris) {
    if (registered === candidate) return true;
    const loopback = LOOPBACK_PATTERN.exec(registered);
    if (loopback && url.protocol === 'http:' && url.hostname === loopback[1] && url.port !== '') return true;
  }
  return false;
}
