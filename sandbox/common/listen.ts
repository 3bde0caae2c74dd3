/** Starting and stopping node:http servers on 127.0.0.1: the stand-ins' and the tests' own. */
import { createServer, Server, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  server: Server;
  port: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Safe to call more than once (a test and its cleanup both may): later calls get the first one's result. */
  close(): Promise<void>;
}

/**
 * Serves on 127.0.0.1, on any free port unless `port` is given (so test files running side by
 * side never collide), and resolves once it is listening. A test may pass a bare `createServer()`
 * to get a port that refuses connections once closed.
 */
export async function listen(handlerOrServer: RequestListener | Server, port = 0): Promise<Listening> {
  const server = handlerOrServer instanceof Server ? handlerOrServer : createServer(handlerOrServer);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    server,
    port: bound,
    origin: `http://127.0.0.1:${bound}`,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        // Keep-alive (fetch) and long-poll connections would otherwise hold close() open until they time out.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      })),
  };
}
