import { calls, isCallName, type ApiResult, type CallName } from '../../preload/contract';
import type { AppContext } from '../app/context';
import { AppError, invalidRequest } from './errors';
import { handlers, type Handler } from './handlers';

export type Logger = (line: string) => void;

/**
 * Runs one call from any transport: checks the name against the contract, validates the body
 * with the call's schema before any work, and turns every failure into an error body. Errors that
 * are not AppErrors are logged here and reported as "internal" without their message, since an
 * unexpected message may carry anything.
 */
export async function dispatch(
  ctx: AppContext,
  name: unknown,
  body: unknown,
  log: Logger = (line) => process.stderr.write(line + '\n'),
): Promise<ApiResult<unknown>> {
  try {
    if (!isCallName(name)) throw new AppError('unknown_call', `There is no call named ${JSON.stringify(String(name))}.`);
    const parsed = calls[name].request.safeParse(body);
    if (!parsed.success) throw invalidRequest(`request for ${name}`, parsed.error);
    const handler = handlers[name] as Handler<CallName>;
    return { ok: true, value: await handler(parsed.data as never, ctx) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toBody() };
    log(`ledgerbridge: call ${String(name)} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Ledgerbridge; the log has the details.' } };
  }
}
