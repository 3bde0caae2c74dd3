import { z } from 'zod';
import { settingsSchema, type Settings } from './schema';

/** What electron-store and conf both offer: the whole document, read and replaced atomically. */
export interface SettingsBacking {
  store: Record<string, unknown>;
  readonly path: string;
}

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

/**
 * Validated access to settings. A file that fails the schema is reported with the field and the
 * file's path and is never overwritten behind the user's back; an update that would not validate
 * writes nothing.
 */
export class SettingsStore {
  constructor(private readonly backing: SettingsBacking) {}

  get path(): string {
    return this.backing.path;
  }

  read(): Settings {
    const parsed = settingsSchema.safeParse(this.backing.store);
    if (!parsed.success) throw new SettingsError(describe(parsed.error, this.backing.path));
    return parsed.data;
  }

  update(change: (current: Settings) => Settings): Settings {
    const next = settingsSchema.safeParse(change(this.read()));
    if (!next.success) throw new SettingsError(describe(next.error, this.backing.path));
    this.backing.store = next.data as Record<string, unknown>;
    return next.data;
  }
}

function describe(error: z.ZodError, path: string): string {
  const parts = error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return `Settings file ${path} is not valid: ${parts.join('; ')}`;
}
