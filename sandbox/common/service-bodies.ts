/**
 * Each service's own 500 body, for the fault wrapper's `error500` (429 bodies come from the
 * stand-ins, which also answer real throttling).
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** QBO data service SystemFault (code 10000, "An application error has occurred"). */
export function qbo500(now: () => number) {
  return (res: ServerResponse): void => {
    send(
      res,
      500,
      'application/json;charset=UTF-8',
      JSON.stringify({
        Fault: {
          Error: [
            {
              Message: 'An application error has occurred while processing your request',
              Detail: 'System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again. If the problem persists, contact customer support.',
              code: '10000',
            },
          ],
          type: 'SystemFault',
        },
        time: new Date(now()).toISOString(),
      }),
    );
  };
}

export function shopify500(res: ServerResponse): void {
  const requestId = randomUUID();
  send(
    res,
    500,
    'application/json; charset=utf-8',
    JSON.stringify({
      errors: [
        {
          message: `Internal error. Looks like something went wrong on our end.\nRequest ID: ${requestId} (include this in support requests).`,
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
        },
      ],
    }),
  );
}

/** WordPress's fatal-error handler answer for REST requests. */
export function woo500(res: ServerResponse): void {
  send(
    res,
    500,
    'application/json; charset=UTF-8',
    JSON.stringify({
      code: 'internal_server_error',
      message: '<p>There has been a critical error on this website.</p>',
      data: { status: 500 },
      additional_errors: [],
    }),
  );
}

/** WooCommerce has no built-in limiter; hosts put one in front of it that answers like this. */
export function woo429(res: ServerResponse): void {
  res.setHeader('Retry-After', '60');
  send(
    res,
    429,
    'application/json; charset=UTF-8',
    JSON.stringify({ code: 'woocommerce_rest_too_many_requests', message: 'Too many requests. Please wait and try again.', data: { status: 429 } }),
  );
}
