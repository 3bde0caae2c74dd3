import { parseArgs } from 'node:util';
import { APP_VERSION } from '../app/version';
import { SettingsError } from '../settings/settings-store';
import { AppError } from '../api/errors';
import { resolveDataDir } from '../platform/data-dir';
import { UsageError, type CliIo, type Command, type OptionSpec } from './command';
import { demoCommand } from './commands/demo';
import { serveCommand } from './commands/serve';
import { statusCommand } from './commands/status';
import { importCommand } from './commands/import';
import { storeCommand } from './commands/store';
import { syncCommand } from './commands/sync';
import { companiesCommand } from './commands/companies';
import { connectCommand } from './commands/connect';
import { disconnectCommand } from './commands/disconnect';
import { reportCommand } from './commands/report';
import { acceptCommand, ignoreCommand, linkCommand, unlinkCommand } from './commands/decide';

export const commands: Command[] = [demoCommand, serveCommand, statusCommand, importCommand, storeCommand, syncCommand, connectCommand, companiesCommand, disconnectCommand, reportCommand, linkCommand, unlinkCommand, acceptCommand, ignoreCommand];

const globalOptions: OptionSpec = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
};

export function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    'Ledgerbridge — reconcile store orders with QuickBooks Online, order by order.',
    '',
    'Usage: ledgerbridge [--data-dir DIR] [--json] <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    `  ${'help'.padEnd(width)}Show help for a command`,
    '',
    'Global options:',
    '  --data-dir DIR  where settings and company files live (env LEDGERBRIDGE_DATA_DIR;',
    '                  default: the per-user application-data folder)',
    '  --json          machine-readable output',
    '  -h, --help      show this help',
    '  -V, --version   print the version',
    '',
  ].join('\n');
}

function commandHelp(command: Command): string {
  return [`Usage: ${command.usage}`, '', command.summary + '.', ...(command.details.length ? ['', ...command.details] : []), ''].join('\n');
}

/** Runs the CLI; returns the exit code (0 ok, 1 failed, 2 usage error). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const first = parseArgs({ args: argv, options: globalOptions, strict: false, allowPositionals: true });
    const name = first.positionals[0];
    if (first.values.version && name === undefined) {
      io.stdout(`ledgerbridge ${APP_VERSION}\n`);
      return 0;
    }
    if (name === undefined || name === 'help') {
      const topic = name === 'help' ? first.positionals[1] : undefined;
      if (topic === undefined) {
        if (name === undefined && !first.values.help) {
          io.stdout(helpText());
          return 2;
        }
        io.stdout(helpText());
        return 0;
      }
      io.stdout(commandHelp(findCommand(topic)));
      return 0;
    }
    const command = findCommand(name);
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({ args: argv, options: { ...globalOptions, ...command.options }, strict: true, allowPositionals: true });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message.split('\n')[0]!.replace(/\. To specify.*$/, '') : String(error));
    }
    if (parsed.values.help) {
      io.stdout(commandHelp(command));
      return 0;
    }
    const positionals = parsed.positionals.slice(1);
    if (positionals.length > command.maxPositionals) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[command.maxPositionals])} for ${command.name}`);
    const values = parsed.values as Record<string, string | boolean | undefined>;
    const globals = {
      dataDir: resolveDataDir(values['data-dir'] as string | undefined, io.env),
      json: values.json === true,
    };
    return await command.run({ values, positionals }, globals, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ledgerbridge: ${error.message} (see ledgerbridge --help)\n`);
      return 2;
    }
    if (error instanceof AppError || error instanceof SettingsError) {
      io.stderr(`ledgerbridge: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function findCommand(name: string): Command {
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)}`);
  return command;
}
