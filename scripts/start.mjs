// `npm start`: the desktop app where Electron's binary is installed; otherwise say so in one
// line and name browser mode, instead of Electron's stack trace.
// `npm run app` passes --or-browser: then browser mode starts in place of the desktop app.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const orBrowser = args.includes('--or-browser');
const passThrough = args.filter((a) => a !== '--or-browser');

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

if (typeof electronPath === 'string') {
  run(electronPath, ['.', ...passThrough]);
} else if (orBrowser) {
  console.error('Electron is not installed on this machine; starting Ledgerbridge in browser mode.');
  run(process.execPath, [fileURLToPath(new URL('../bin/ledgerbridge.mjs', import.meta.url)), ...passThrough, 'serve', '--open']);
} else {
  console.error('Electron is not installed on this machine; run Ledgerbridge in your browser instead: npx ledgerbridge serve --open');
  process.exit(1);
}
