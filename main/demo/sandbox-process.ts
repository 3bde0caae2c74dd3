/**
 * The demo company is served by Ledgerbridge's local stand-ins (QBO + Intuit OAuth, Shopify,
 * WooCommerce). Product code never imports them: the demo starts them as their own process,
 * `bin/ledgerbridge-sandbox.mjs`, and reads the one JSON line it prints (validated here, as every
 * boundary is).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { AppError } from '../api/errors';
import { appRoot } from '../platform/app-paths';

export const sandboxLineSchema = z.object({
  qbo: z.object({
    apiBase: z.url(),
    discovery: z.url(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    realmId: z.string().regex(/^\d+$/),
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1),
  }),
  shopify: z.object({ shop: z.string().min(1), graphqlUrl: z.url(), accessToken: z.string().min(1) }),
});
export type SandboxLine = z.infer<typeof sandboxLineSchema>;

export interface SandboxProcess {
  readonly info: SandboxLine;
  stop(): Promise<void>;
}

export function sandboxBin(): string {
  return join(appRoot(), 'bin', 'ledgerbridge-sandbox.mjs');
}

/** Starts the stand-ins with the seeded demo business; its state persists in `stateFile`. */
export async function startSandboxProcess(options: { stateFile: string; log?: (line: string) => void }): Promise<SandboxProcess> {
  const bin = sandboxBin();
  if (!existsSync(bin)) {
    throw new AppError(
      'not_available',
      'The demo company runs on the local stand-in servers that come with the Ledgerbridge source repository; this installation does not include them.',
    );
  }
  // Limits off: the demo shows reconciliation, not Shopify's cost budget; our own limiter still paces QBO calls.
  const child = spawn(process.execPath, [bin, '--port', '0', '--seed', 'demo', '--auto-approve', '--rate-limits', 'off', '--exit-with-parent', '--state', options.stateFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr.push(line);
    if (stderr.length > 20) stderr.shift();
  });
  const info = await new Promise<SandboxLine>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      try {
        resolve(sandboxLineSchema.parse(JSON.parse(line)));
      } catch (error) {
        reject(new AppError('internal', `The demo stand-ins printed an unexpected first line (${error instanceof Error ? error.message : String(error)}).`));
      }
    });
    child.once('exit', (code) => reject(new AppError('internal', `The demo stand-ins stopped before starting (exit ${code}): ${stderr.join(' ').slice(-400)}`)));
    child.once('error', (error) => reject(new AppError('internal', `Could not start the demo stand-ins: ${error.message}`)));
  });
  const stopOnExit = () => child.kill('SIGTERM');
  process.once('exit', stopOnExit);
  return { info, stop: () => stopChild(child, stopOnExit) };
}

function stopChild(child: ChildProcess, hook: () => void): Promise<void> {
  process.off('exit', hook);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
