/**
 * The generic fault + latency wrapper put around every stand-in's handler. The stand-in supplies the
 * service-specific bodies (a QBO 429 is XML, a Shopify one is JSON); the choice of which request
 * fails comes from a PRNG seeded with `faults.seed`, so a run with the same requests repeats.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mulberry32 } from './prng';
import type { RequestHandler, StandInOptions } from './types';

export interface FaultWrapperConfig {
  options: StandInOptions;
  /** Writes the service's 500 reply. */
  error500: (res: ServerResponse) => void;
  /** Writes the service's 429 reply (e.g. the QBO stand-in's `throttled(res)`). */
  throttled: (res: ServerResponse) => void;
  /** Which requests count as API requests and can be faulted; latency applies to every request. */
  isApiRequest?: (req: IncomingMessage) => boolean;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function withFaults(handler: RequestHandler, config: FaultWrapperConfig): RequestHandler {
  const { options } = config;
  let prng = mulberry32(options.faults.seed);
  let prngSeed = options.faults.seed;
  let apiRequests = 0;
  let burstLeft = 0;

  function decide(req: IncomingMessage): 'throttle' | 'error500' | { drop: boolean } {
    const faults = options.faults;
    // Tests may swap `options.faults` between runs; a new seed restarts the sequence.
    if (faults.seed !== prngSeed) {
      prngSeed = faults.seed;
      prng = mulberry32(faults.seed);
    }
    apiRequests += 1;
    // Draw both numbers on every request so one fault's setting never shifts another's sequence.
    const draw500 = prng();
    const drawDrop = prng();
    if (faults.burst429Every > 0 && faults.burst429Length > 0 && apiRequests % faults.burst429Every === 0) {
      burstLeft = Math.max(burstLeft, faults.burst429Length);
    }
    if (burstLeft > 0) {
      burstLeft -= 1;
      return 'throttle';
    }
    if (draw500 < faults.error500Share) return 'error500';
    const isWrite = WRITE_METHODS.has((req.method ?? 'GET').toUpperCase());
    return { drop: isWrite && drawDrop < faults.dropAfterWriteShare };
  }

  function run(req: IncomingMessage, res: ServerResponse): void {
    const isApi = config.isApiRequest ? config.isApiRequest(req) : true;
    if (!isApi) {
      handler(req, res);
      return;
    }
    const decision = decide(req);
    if (decision === 'throttle') {
      drain(req, () => config.throttled(res));
      return;
    }
    if (decision === 'error500') {
      drain(req, () => config.error500(res));
      return;
    }
    if (decision.drop) dropAfterWrite(req, res);
    handler(req, res);
  }

  return (req, res) => {
    const delay = options.latencyMs;
    if (delay > 0) setTimeout(() => run(req, res), delay);
    else run(req, res);
  };
}

/** Reads and discards the request body so a refused request never leaves the client mid-upload. */
function drain(req: IncomingMessage, then: () => void): void {
  if (req.readableEnded) {
    then();
    return;
  }
  req.on('error', then);
  req.on('end', then);
  req.resume();
}

/**
 * The handler runs normally (the write commits), but instead of sending the reply we destroy the
 * socket: the client sees a dropped connection and cannot know whether its write happened.
 */
function dropAfterWrite(req: IncomingMessage, res: ServerResponse): void {
  res.end = ((..._args: unknown[]) => {
    req.socket.destroy();
    return res;
  }) as ServerResponse['end'];
  // Anything written early would reach the client before the drop; swallow it.
  res.write = ((..._args: unknown[]) => true) as ServerResponse['write'];
  res.flushHeaders = () => {};
}
