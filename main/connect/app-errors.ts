/**
 * Connection failures as the UI and CLI show them: each known failure becomes an AppError with a
 * code and a sentence that names what to do. Every message here is built from our own texts and
 * Intuit's error codes, never from a token or the client secret.
 */
import { AppError } from '../api/errors';
import { QboFaultError, QboTransportError } from '../qbo/errors';
import { AppConfigError } from './intuit-apps';
import { IntuitOAuthError } from './intuit-oauth';
import { OAuthAttemptError } from './loopback-listener';
import { ReconnectNeededError } from './token-manager';

export function connectionAppError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof AppConfigError) {
    return new AppError(error.field === 'realmId' ? 'not_found' : 'invalid_request', error.message, error.field);
  }
  if (error instanceof OAuthAttemptError) {
    const code = error.reason === 'timeout' || error.reason === 'cancelled' ? 'conflict' : 'forbidden';
    return new AppError(code, error.message);
  }
  if (error instanceof IntuitOAuthError) {
    if (error.error === 'invalid_client') return new AppError('unauthorized', error.message, 'clientSecret');
    if (error.error === 'unreachable') return new AppError('offline', error.message);
    if (error.error === 'invalid_configuration' || error.error === 'discovery_failed') return new AppError('invalid_request', error.message, 'discoveryUrl');
    return new AppError('conflict', error.message);
  }
  if (error instanceof ReconnectNeededError) return new AppError('conflict', error.message);
  if (error instanceof QboTransportError) return new AppError('offline', error.message);
  if (error instanceof QboFaultError) {
    const tid = error.intuitTid ? ` (intuit_tid ${error.intuitTid})` : '';
    return new AppError('conflict', `${error.message}${tid}`);
  }
  return error;
}
