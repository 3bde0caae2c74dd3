import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../../sandbox/common/fault-spec';
import { withFaults } from '../../../sandbox/common/faults';
import { defaultStandInOptions, NO_FAULTS, type FaultOptions } from '../../../sandbox/common/types';
import { listen, type Listening } from '../../../sandbox/common/listen';

let server: Listening | null = null;
async function closeServer(): Promise<void> {
  const s = server;
  server = null;
  await s?.close();
}
afterEach(closeServer);

interface Rig {
  origin: string;
  /** Requests the wrapped handler actually ran (i.e. were not refused by a fault). */
  handled: string[];
}

async function rig(faults: Partial<FaultOptions>, latencyMs = 0): Promise<Rig> {
  const handled: string[] = [];
  const options = defaultStandInOptions({ latencyMs, faults: { ...NO_FAULTS, ...faults } });
  const handler = withFaults(
    (req, res) => {
      handled.push(`${req.method} ${req.url}`);
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"ok":true}');
      });
    },
    {
      options,
      error500: (res: ServerResponse) => {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end('{"fault":"500"}');
      },
      throttled: (res: ServerResponse) => {
        res.writeHead(429, { 'Content-Type': 'text/xml' });
        res.end('<Fault>ThrottleExceeded</Fault>');
      },
      isApiRequest: (req) => (req.url ?? '').startsWith('/api/'),
    },
  );
  server = await listen(handler);
  return { origin: server.origin, handled };
}

async function statuses(origin: string, count: number, method = 'GET'): Promise<number[]> {
  const out: number[] = [];
  for (let i = 1; i <= count; i += 1) {
    const res = await fetch(`${origin}/api/${i}`, { method, body: method === 'GET' ? undefined : '{}' });
    await res.text();
    out.push(res.status);
  }
  return out;
}

describe('fault wrapper', () => {
  it('answers a seeded share of requests with the service 500 body, repeatably', async () => {
    const a = await rig({ error500Share: 0.3, seed: 7 });
    const first = await statuses(a.origin, 40);
    const failed = first.filter((s) => s === 500).length;
    expect(failed).toBeGreaterThan(4);
    expect(failed).toBeLessThan(24);
    expect(a.handled.length).toBe(40 - failed);
    await closeServer();

    const again = await rig({ error500Share: 0.3, seed: 7 });
    expect(await statuses(again.origin, 40)).toEqual(first);
    await closeServer();

    const other = await rig({ error500Share: 0.3, seed: 8 });
    expect(await statuses(other.origin, 40)).not.toEqual(first);
  });

  it('sends the 500 body supplied by the stand-in', async () => {
    const r = await rig({ error500Share: 1 });
    const res = await fetch(`${r.origin}/api/x`, { method: 'POST', body: 'x'.repeat(100_000) });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ fault: '500' });
    expect(r.handled).toEqual([]);
  });

  it('every N-th request starts a burst of 429s of the given length', async () => {
    const r = await rig({ burst429Every: 5, burst429Length: 2 });
    const got = await statuses(r.origin, 12);
    expect(got).toEqual([200, 200, 200, 200, 429, 429, 200, 200, 200, 429, 429, 200]);
    expect(await statuses(r.origin, 2)).toEqual([200, 200]);
    const res = await fetch(`${r.origin}/api/15`);
    expect(res.status).toBe(429);
    expect(await res.text()).toBe('<Fault>ThrottleExceeded</Fault>');
  });

  it('drops the connection after the handler completed a write; reads are never dropped', async () => {
    const r = await rig({ dropAfterWriteShare: 1 });
    await expect(fetch(`${r.origin}/api/write`, { method: 'POST', body: '{"a":1}' })).rejects.toThrow();
    expect(r.handled).toEqual(['POST /api/write']);
    const read = await fetch(`${r.origin}/api/read`);
    expect(read.status).toBe(200);
    expect(r.handled).toEqual(['POST /api/write', 'GET /api/read']);
  });

  it('drops a seeded share of writes, repeatably', async () => {
    const outcome = async (seed: number) => {
      const r = await rig({ dropAfterWriteShare: 0.5, seed });
      const out: string[] = [];
      for (let i = 0; i < 16; i += 1) {
        try {
          const res = await fetch(`${r.origin}/api/${i}`, { method: 'PUT', body: '{}' });
          await res.text();
          out.push('ok');
        } catch {
          out.push('dropped');
        }
      }
      expect(r.handled.length).toBe(16);
      await closeServer();
      return out;
    };
    const first = await outcome(3);
    expect(first).toContain('dropped');
    expect(first).toContain('ok');
    expect(await outcome(3)).toEqual(first);
  });

  it('never faults requests the stand-in marks as non-API', async () => {
    const r = await rig({ error500Share: 1, burst429Every: 1 });
    const res = await fetch(`${r.origin}/oauth2/v1/tokens/bearer`);
    expect(res.status).toBe(200);
  });

  it('adds latency before every response', async () => {
    const r = await rig({}, 120);
    const started = performance.now();
    await (await fetch(`${r.origin}/api/slow`)).text();
    await (await fetch(`${r.origin}/not-api`)).text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(235);
  });
});

describe('--faults SPEC parser', () => {
  it('parses every fault', () => {
    expect(parseFaultSpec('500=0.05,429burst=20x5,drop=0.1,tokenttl=60,seed=7')).toEqual({
      error500Share: 0.05,
      burst429Every: 20,
      burst429Length: 5,
      dropAfterWriteShare: 0.1,
      accessTokenTtlSeconds: 60,
      seed: 7,
    });
    expect(parseFaultSpec(' drop=1 ')).toEqual({ ...NO_FAULTS, dropAfterWriteShare: 1 });
  });

  it.each([
    ['500=1.5', /bad fault "500=1\.5".*between 0 and 1/],
    ['500=abc', /bad fault "500=abc"/],
    ['500=', /bad fault "500="/],
    ['429burst=20', /bad fault "429burst=20".*EVERYxLENGTH/],
    ['429burst=5x5', /bad fault "429burst=5x5".*shorter/],
    ['tokenttl=0', /bad fault "tokenttl=0".*at least 1/],
    ['tokenttl=1.5', /bad fault "tokenttl=1\.5".*whole number/],
    ['seed=-1', /bad fault "seed=-1"/],
    ['drop', /bad fault "drop": expected NAME=VALUE/],
    ['latency=5', /unknown fault "latency=5"/],
    ['drop=0.1,drop=0.2', /"drop" given twice/],
    ['drop=0.1,,seed=1', /empty part/],
    ['', /empty fault spec/],
  ])('rejects %j naming the bad part', (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });
});
