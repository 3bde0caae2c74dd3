/**
 * The `ledgerbridge-sandbox` command as a child process: one JSON line on stdout, working
 * credentials, a clean exit on SIGINT, state kept across restarts, exit 2 on bad flags.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/ledgerbridge-sandbox.mjs', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcessWithoutNullStreams;
  info: Record<string, Record<string, unknown>>;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise<Running>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no JSON line within 20 s; stderr: ${stderr}`)), 20_000);
    const onData = () => {
      const nl = stdout.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve({
        child,
        info: JSON.parse(stdout.slice(0, nl)) as Record<string, Record<string, unknown>>,
        stdout: () => stdout,
        stderr: () => stderr,
        exited,
      });
    };
    child.stdout.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before printing; stderr: ${stderr}`));
    });
  });
}

function runToExit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

async function refresh(qbo: Record<string, unknown>, refreshToken: string) {
  const res = await fetch(qbo.token as string, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${qbo.clientId as string}:${qbo.clientSecret as string}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('ledgerbridge-sandbox command', () => {
  it('prints one JSON line with every key, serves it, and exits 0 on SIGINT', async () => {
    const sb = await run(['--port', '0', '--seed', 'empty']);
    const { qbo, shopify, woocommerce, api2cart } = sb.info;
    expect(Object.keys(sb.info).sort()).toEqual(['api2cart', 'qbo', 'shopify', 'woocommerce']);
    expect(Object.keys(api2cart!).sort()).toEqual(['apiKey', 'storeKeys', 'url']);
    expect(Object.keys(qbo!).sort()).toEqual(
      ['accessToken', 'apiBase', 'authorize', 'clientId', 'clientSecret', 'discovery', 'realmId', 'redirectUris', 'refreshToken', 'revoke', 'token'].sort(),
    );
    expect(Object.keys(shopify!).sort()).toEqual(['accessToken', 'graphqlUrl', 'shop']);
    expect(Object.keys(woocommerce!).sort()).toEqual(['consumerKey', 'consumerSecret', 'url']);
    const apiBase = qbo!.apiBase as string;
    expect(apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(qbo!.token).toBe(`${apiBase}/oauth2/v1/tokens/bearer`);
    expect(qbo!.authorize).toBe(`${apiBase}/connect/oauth2`);
    expect(qbo!.revoke).toBe(`${apiBase}/v2/oauth2/tokens/revoke`);
    expect(qbo!.discovery).toBe(`${apiBase}/.well-known/openid_sandbox_configuration`);
    expect(qbo!.redirectUris).toEqual(['http://127.0.0.1:*/*', 'http://localhost:*/*']);
    expect(qbo!.realmId).toMatch(/^\d+$/);
    expect(shopify!.graphqlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/admin\/api\/\d{4}-\d{2}\/graphql\.json$/);
    expect(woocommerce!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new Set([apiBase, new URL(shopify!.graphqlUrl as string).origin, woocommerce!.url]).size).toBe(3);

    const discovery = (await (await fetch(qbo!.discovery as string)).json()) as Record<string, unknown>;
    expect(discovery.token_endpoint).toBe(qbo!.token);

    const refreshed = await refresh(qbo!, qbo!.refreshToken as string);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(qbo!.refreshToken);

    // The printed access token opens the QBO API on the same origin.
    const company = await fetch(`${apiBase}/v3/company/${qbo!.realmId as string}/companyinfo/${qbo!.realmId as string}`, {
      headers: { Authorization: `Bearer ${qbo!.accessToken as string}`, Accept: 'application/json' },
    });
    expect(company.status).toBe(200);
    const unauthorized = await fetch(`${apiBase}/v3/company/${qbo!.realmId as string}/companyinfo/${qbo!.realmId as string}`, {
      headers: { Authorization: 'Bearer nope', Accept: 'application/json' },
    });
    expect(unauthorized.status).toBe(401);

    // The printed API2Cart key and each platform's store key open that store.
    const storeKeys = Object.values(api2cart!.storeKeys as Record<string, string>);
    expect(storeKeys.length).toBeGreaterThanOrEqual(3);
    for (const storeKey of storeKeys) {
      const cart = await fetch(`${api2cart!.url as string}/cart.info.json`, { headers: { 'x-api-key': api2cart!.apiKey as string, 'x-store-key': storeKey } });
      expect(((await cart.json()) as { return_code: number }).return_code).toBe(0);
    }

    sb.child.kill('SIGINT');
    expect(await sb.exited).toBe(0);
    expect(sb.stdout().trimEnd().split('\n')).toHaveLength(1);
  });

  it('keeps state across restarts with --state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lb-sandbox-cli-'));
    dirs.push(dir);
    const stateFile = join(dir, 'state.json');
    const first = await run(['--seed', 'empty', '--state', stateFile]);
    const rotated = await refresh(first.info.qbo!, first.info.qbo!.refreshToken as string);
    expect(rotated.status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(stateFile)).toBe(true);
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ version: 1 });

    const second = await run(['--seed', 'empty', '--state', stateFile]);
    expect(second.info.qbo!.clientId).toBe(first.info.qbo!.clientId);
    expect((await refresh(second.info.qbo!, rotated.body.refresh_token as string)).status).toBe(200);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('a bad flag is a one-line error and exit 2; --help exits 0', async () => {
    const bad = await runToExit(['--port', '0', '--nope']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trimEnd().split('\n')).toEqual(['ledgerbridge-sandbox: unknown option --nope (see --help)']);
    const badFaults = await runToExit(['--faults', 'drop=7']);
    expect(badFaults.code).toBe(2);
    expect(badFaults.stderr).toContain('bad fault "drop=7"');
    const help = await runToExit(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: ledgerbridge-sandbox');
  });
});
