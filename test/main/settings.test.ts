import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../main/platform/data-dir';
import { openConfSettings } from '../../main/settings/conf-settings';
import { SettingsError } from '../../main/settings/settings-store';
import { tempDir } from '../helpers/tmp';

describe('settings', () => {
  it('starts with defaults and round-trips through the real file', () => {
    const dir = tempDir();
    const settings = openConfSettings(dir);
    expect(settings.read()).toMatchObject({ companies: [], stores: [], matching: { autoLinkThreshold: 0.9 } });
    settings.update((s) => ({ ...s, matching: { ...s.matching, reviewThreshold: 0.4 } }));
    expect(openConfSettings(dir).read().matching.reviewThreshold).toBe(0.4);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).matching.reviewThreshold).toBe(0.4);
  });

  it('reports an invalid file naming the field and the file, and leaves it untouched', () => {
    const dir = tempDir();
    const file = join(dir, 'settings.json');
    const text = JSON.stringify({ companies: [{ realmId: 'abc', name: 'X', environment: 'local', addedAt: '2026-01-01T00:00:00Z' }] });
    writeFileSync(file, text);
    const settings = openConfSettings(dir);
    expect(() => settings.read()).toThrow(SettingsError);
    expect(() => settings.read()).toThrow(/companies\.0\.realmId/);
    expect(() => settings.read()).toThrow(file);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('writes nothing when an update would not validate', () => {
    const dir = tempDir();
    const settings = openConfSettings(dir);
    settings.update((s) => s);
    const before = readFileSync(join(dir, 'settings.json'), 'utf8');
    expect(() => settings.update((s) => ({ ...s, matching: { ...s.matching, autoLinkThreshold: 7 } }))).toThrow(/matching\.autoLinkThreshold/);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before);
  });

  it('refuses secrets-shaped extra keys: the schema is strict', () => {
    const settings = openConfSettings(tempDir());
    expect(() => settings.update((s) => ({ ...s, refreshToken: 'x' }) as never)).toThrow(/refreshToken|Unrecognized/);
  });

  it('finds the data folder from flag, environment, then the OS default', () => {
    expect(resolveDataDir('/flag', { LEDGERBRIDGE_DATA_DIR: '/env' })).toBe('/flag');
    expect(resolveDataDir(undefined, { LEDGERBRIDGE_DATA_DIR: '/env' })).toBe('/env');
    expect(resolveDataDir(undefined, {}, 'linux', '/home/b')).toBe('/home/b/.config/Ledgerbridge');
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/x' }, 'linux', '/home/b')).toBe('/x/Ledgerbridge');
    expect(resolveDataDir(undefined, {}, 'darwin', '/Users/b')).toBe('/Users/b/Library/Application Support/Ledgerbridge');
    expect(resolveDataDir(undefined, { APPDATA: 'C:\\Users\\b\\AppData\\Roaming' }, 'win32', 'C:\\Users\\b')).toMatch(/Roaming.Ledgerbridge$/);
  });
});
