import type { ParseArgsConfig } from 'node:util';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the user asks a long-running command to stop (Ctrl-C, SIGTERM). */
  untilStopped: () => Promise<string>;
}

export interface GlobalOptions {
  dataDir: string;
  json: boolean;
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Extra lines for `ledgerbridge help <command>`. */
  details: string[];
  options: OptionSpec;
  maxPositionals: number;
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }, globals: GlobalOptions, io: CliIo): Promise<number>;
}

/** A mistake in how the command was typed: one line on stderr, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
