/**
 * API2Cart's envelope: every answer is HTTP 200 with `return_code` (api2cart.md §3); errors carry no
 * `pagination`, and `result` is `{}` or `[]` depending on the error.
 */
import type { ServerResponse } from 'node:http';
import { sendJson } from '../common/http';

export const RETURN_MESSAGES: Record<number, string> = {
  1: 'Service unavailable',
  2: 'Incorrect API Key',
  3: 'No such method',
  4: 'Store access denied',
  5: 'API access denied',
  6: 'API key is disabled',
  7: 'Store request limit exceeded: too many concurrent API requests for this store',
  8: 'Store already exists',
  9: 'Internal error',
  10: 'Account request limit exceeded: too many concurrent API requests for this account',
  12: 'Request queued',
  100: 'Store API access error',
  101: 'Store not found',
  102: 'FTP connection error',
  103: 'Bridge is not installed',
  104: 'Bridge responded with an error',
  105: 'Bridge version is outdated',
  106: 'Store URL is unreachable',
  107: 'Error returned by the store',
  109: 'Incorrect parameters',
  110: 'Store API requests are throttled by the platform; try again later',
  111: 'Too many items',
  112: 'Not found',
  113: 'Already exists',
  114: 'Required parameter is missing',
  115: 'Too many prefixes',
  116: 'Duplicate',
};

export function sendOk(res: ServerResponse, result: unknown, pagination?: { previous: string | null; next: string | null }): void {
  const body: Record<string, unknown> = { return_code: 0, return_message: '' };
  if (pagination) body.pagination = pagination;
  body.result = result;
  sendJson(res, 200, body);
}

export function sendError(res: ServerResponse, code: number, message?: string): void {
  // Parameter errors come with `result: []` in the fixtures, the rest with `{}`.
  const result = code === 109 ? [] : {};
  sendJson(res, 200, { return_code: code, return_message: message ?? RETURN_MESSAGES[code] ?? 'Error', result });
}
