/** Starting and stopping the stand-ins' node:http servers on 127.0.0.1. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from './types';

export interface Listening {
  server: Server;
  port: number;
  origin: string;
  close(): Promise<void>;
}

export function listen(handler: RequestHandler, port: number): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const actual = (server.address() as AddressInfo).port;
      resolve({
        server,
        port: actual,
        origin: `http://127.0.0.1:${actual}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive and long-poll connections would otherwise hold close() open.
            server.closeAllConnections();
          }),
      });
    });
  });
}
