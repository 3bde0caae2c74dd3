import { LedgerbridgeError, type LedgerbridgeApi } from '../../preload/contract';

export const api = (): LedgerbridgeApi => window.ledgerbridge;

/** The sentence to show a bookkeeper for any failed call. */
export function errorMessage(error: unknown): string {
  if (error instanceof LedgerbridgeError || error instanceof Error) return error.message;
  return 'Something went wrong.';
}
