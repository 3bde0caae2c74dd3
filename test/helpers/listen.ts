import { createServer, Server, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  server: Server;
  port: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Safe to call more than once (a test and its cleanup both may): later calls get the first one's result. */
  close(): Promise<void>;
}

/**
 * Serves on 127.0.0.1, on any free port unless `port` is given (so test files running side by
 * side never collide), and resolves once it is listening. close() drops open connections first:
 * fetch keeps them alive, and server.close() alone would wait for them to time out.
 */
export async function listenOnLoopback(handlerOrServer: RequestListener | Server, port = 0): Promise<LoopbackServer> {
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
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      })),
  };
}
