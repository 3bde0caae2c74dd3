import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';
import type { RequestHandler } from '../../../sandbox/common/types';

/** Serves `handler` on 127.0.0.1:0 until the current test ends; returns its base URL. */
export async function serve(handler: RequestHandler): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}

/** A clock running at real speed but set to `at` now, so cost buckets refill and 60-day windows hold. */
export function clockAt(at: number): () => number {
  const shift = at - Date.now();
  return () => Date.now() + shift;
}
