import { describe, expect, it } from 'vitest';
import { parseSandboxArgs } from '../../../sandbox/common/cli-args';
import { NO_FAULTS } from '../../../sandbox/common/types';

describe('ledgerbridge-sandbox flags', () => {
  it('defaults', () => {
    expect(parseSandboxArgs([])).toEqual({
      help: false,
      port: 0,
      seed: 'demo',
      autoApprove: false,
      orders: null,
      rateLimits: 'real',
      latencyMs: 0,
      faults: null,
      stateFile: null,
      exitWithParent: false,
    });
  });

  it('parses every flag, with separate or inline values', () => {
    expect(
      parseSandboxArgs([
        '--port', '41000', '--seed=demo', '--auto-approve', '--orders', '200000', '--rate-limits', 'off',
        '--latency-ms=25', '--faults', '500=0.1,seed=3', '--state', '/tmp/s.json', '--exit-with-parent',
      ]),
    ).toEqual({
      help: false,
      port: 41000,
      seed: 'demo',
      autoApprove: true,
      orders: 200000,
      rateLimits: 'off',
      latencyMs: 25,
      faults: { ...NO_FAULTS, error500Share: 0.1, seed: 3 },
      stateFile: '/tmp/s.json',
      exitWithParent: true,
    });
    expect(parseSandboxArgs(['--seed', './biz.json']).seed).toBe('./biz.json');
    expect(parseSandboxArgs(['--help']).help).toBe(true);
  });

  it.each([
    [['--bogus'], /unknown option --bogus/],
    [['stray'], /unexpected argument "stray"/],
    [['--port'], /--port needs a value/],
    [['--port', 'x'], /--port needs a whole number/],
    [['--port', '70000'], /--port must be between 0 and 65533/],
    [['--orders', '0'], /--orders must be between 1 and 200000/],
    [['--orders', '200001'], /--orders must be between/],
    [['--orders', '10', '--seed', 'empty'], /--orders needs --seed demo/],
    [['--rate-limits', 'fast'], /--rate-limits must be real or off/],
    [['--latency-ms', '-1'], /--latency-ms needs a whole number/],
    [['--faults', '500=2'], /--faults: bad fault "500=2"/],
    [['--auto-approve=yes'], /--auto-approve takes no value/],
    [['--port', '1', '--port', '2'], /--port given twice/],
    [['--state', '--port', '1'], /--state needs a value/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseSandboxArgs(argv)).toThrow(message);
  });
});
