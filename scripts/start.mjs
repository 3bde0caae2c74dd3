// `npm start`: the desktop app where Electron's binary is installed; otherwise say so in one
// line and name browser mode, instead of Electron's stack trace.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronPath;
try {
  electronPath = require('electron');
} catch {
  electronPath = undefined;
}
if (typeof electronPath !== 'string') {
  console.error('Electron is not installed on this machine; run Ledgerbridge in your browser instead: npx ledgerbridge serve --open');
  process.exit(1);
}
const child = spawn(electronPath, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
