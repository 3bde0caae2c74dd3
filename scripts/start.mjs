// `npm start`: the desktop app where Electron's binary is installed; otherwise say so in one
// line and name browser mode, instead of Electron's stack trace.
//   --or-browser  (npm run app)  start browser mode instead when Electron is missing
//   --demo        (npm run demo) open the built-in demo company; implies --or-browser
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const demo = args.includes('--demo');
const orBrowser = demo || args.includes('--or-browser');
const passThrough = args.filter((a) => a !== '--or-browser' && a !== '--demo');
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

let electronPath;
try {
  electronPath = require('electron');
} catch {
  electronPath = undefined;
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

/** The data folder, fixed before any wrapper changes HOME (same rule as main/platform/data-dir.ts). */
function dataDirArgs() {
  if (passThrough.includes('--data-dir')) return [];
  if (process.env.LEDGERBRIDGE_DATA_DIR) return ['--data-dir', process.env.LEDGERBRIDGE_DATA_DIR];
  if (process.platform !== 'linux') return [];
  return ['--data-dir', join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Ledgerbridge')];
}

if (typeof electronPath === 'string') {
  run(electronPath, ['.', ...passThrough, ...(demo ? ['--demo'] : [])]);
} else if (orBrowser) {
  console.error('Electron is not installed on this machine; starting Ledgerbridge in browser mode.');
  const cli = [here('../bin/ledgerbridge.mjs'), ...dataDirArgs(), ...passThrough, demo ? 'demo' : 'serve', '--open'];
  if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) {
    // A headless machine has no keychain (Secret Service); the demo then keeps its tokens in a
    // temporary keyring that lives as long as this run.
    console.error('No OS keychain is running here; using a temporary keyring for this run (tokens are forgotten when it stops).');
    run('bash', [here('./with-keyring.sh'), process.execPath, ...cli]);
  } else {
    run(process.execPath, cli);
  }
} else {
  console.error('Electron is not installed on this machine; run Ledgerbridge in your browser instead: npx ledgerbridge serve --open');
  process.exit(1);
}
