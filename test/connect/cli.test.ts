/**
 * `ledgerbridge connect | companies | disconnect` as a user runs them (the CLI entry under tsx, so
 * no build is needed), against the stand-ins and the real keychain (run with-keyring). The
 * "browser" is an HTTP agent that opens the printed authorize URL.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { keychainAccounts, osKeychain } from '../../main/secrets/keychain';
import { startSandbox, type RunningSandbox } from '../../sandbox/start';
import { repoRoot } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { approveInBrowser } from './browser-agent';

interface Run {
  code: Promise<number | null>;
  stdout: () => string;
  stderr: () => string;
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
}

function cli(args: string[], env: Record<string, string>, stdin?: string): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, LEDGERBRIDGE_CLIENT_SECRET: '', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  if (stdin !== undefined) child.stdin.end(stdin);
  const code = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    code,
    stdout: () => out,
    stderr: () => err,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const timer = setInterval(() => {
          const m = out.match(pattern);
          if (m) {
            clearInterval(timer);
            resolve(m);
          } else if (child.exitCode !== null) {
            clearInterval(timer);
            reject(new Error(`exited ${child.exitCode} before ${pattern}: ${out} ${err}`));
          }
        }, 20);
      }),
  };
}

const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

async function setup(): Promise<{ sandbox: RunningSandbox; dataDir: string; env: Record<string, string> }> {
  const sandbox = await startSandbox({ port: 0, seed: 'empty', autoApprove: true });
  stops.push(() => sandbox.stop());
  const service = `Ledgerbridge-test-${randomUUID()}`;
  const keychain = osKeychain(service);
  stops.push(() => keychain.delete(keychainAccounts.refreshToken(sandbox.info.qbo.realmId)));
  stops.push(() => keychain.delete(keychainAccounts.clientSecret('local', sandbox.info.qbo.clientId)));
  return { sandbox, dataDir: tempDir(), env: { LEDGERBRIDGE_KEYCHAIN_SERVICE: service } };
}

describe('ledgerbridge connect / companies / disconnect', () => {
  it('connects with the secret from the environment, lists the company, disconnects it', async () => {
    const { sandbox, dataDir, env } = await setup();
    const { clientId, clientSecret, discovery, realmId } = sandbox.info.qbo;
    const connect = cli(
      ['--data-dir', dataDir, 'connect', '--environment', 'local', '--discovery', discovery, '--client-id', clientId, '--no-browser'],
      { ...env, LEDGERBRIDGE_CLIENT_SECRET: clientSecret },
    );
    const [, url] = await connect.waitFor(/^(http:\/\/127\.0\.0\.1:\d+\/connect\/oauth2\?\S+)$/m);
    const landing = await approveInBrowser(url!);
    expect(landing.body).toContain('You can close this tab');
    expect(await connect.code).toBe(0);
    expect(connect.stdout()).toContain(`Connected: Sandbox Company_US_1 (realm ${realmId}, local)`);
    expect(connect.stdout() + connect.stderr()).not.toContain(clientSecret);

    const list = cli(['--data-dir', dataDir, 'companies'], env);
    expect(await list.code).toBe(0);
    expect(list.stdout()).toMatch(new RegExp(`Sandbox Company_US_1\\s+${realmId}\\s+local\\s+connected`));

    const gone = cli(['--data-dir', dataDir, 'disconnect', realmId], env);
    expect(await gone.code).toBe(0);
    expect(gone.stdout()).toContain(`Disconnected: Sandbox Company_US_1 (realm ${realmId})`);
    const after = cli(['--data-dir', dataDir, '--json', 'companies'], env);
    expect(await after.code).toBe(0);
    expect(JSON.parse(after.stdout())).toMatchObject({ companies: [{ realmId, connection: 'disconnected' }] });
  });

  it('reads the secret from piped stdin, and refuses it on the command line', async () => {
    const { sandbox, dataDir, env } = await setup();
    const { clientId, clientSecret, discovery } = sandbox.info.qbo;
    const argv = cli(['--data-dir', dataDir, 'connect', '--environment', 'local', '--client-id', clientId, '--client-secret', clientSecret], env);
    expect(await argv.code).toBe(2);

    const connect = cli(
      ['--data-dir', dataDir, '--json', 'connect', '--environment', 'local', '--discovery', discovery, '--client-id', clientId, '--no-browser'],
      env,
      `${clientSecret}\n`,
    );
    const [, line] = await connect.waitFor(/^(\{"authorizeUrl".*\})$/m);
    await approveInBrowser(JSON.parse(line!).authorizeUrl);
    expect(await connect.code).toBe(0);
    expect(connect.stdout()).toContain('"connected"');
  });

  it('fails with a clear message when the browser never answers', async () => {
    const { sandbox, dataDir, env } = await setup();
    const { clientId, clientSecret, discovery } = sandbox.info.qbo;
    const connect = cli(
      ['--data-dir', dataDir, 'connect', '--environment', 'local', '--discovery', discovery, '--client-id', clientId, '--no-browser', '--timeout', '1'],
      { ...env, LEDGERBRIDGE_CLIENT_SECRET: clientSecret },
    );
    expect(await connect.code).toBe(1);
    expect(connect.stderr()).toMatch(/No answer from QuickBooks within 1 seconds/);
  });
});
