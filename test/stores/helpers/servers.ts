import type { Server } from 'node:http';
import { onTestFinished } from 'vitest';
import type { RequestHandler } from '../../../sandbox/common/types';
import { listen } from '../../../sandbox/common/listen';

/** Serves `handler` on 127.0.0.1:0 until the current test ends; returns its base URL. */
export async function serve(handler: RequestHandler): Promise<{ url: string; server: Server }> {
  const { server, origin, close } = await listen(handler);
  onTestFinished(close);
  return { url: origin, server };
}

/** A clock running at real speed but set to `at` now, so cost buckets refill and 60-day windows hold. */
export function clockAt(at: number): () => number {
  const shift = at - Date.now();
  return () => Date.now() + shift;
}
