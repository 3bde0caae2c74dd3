#!/usr/bin/env node
// Runs the sandbox command straight from its TypeScript source (sandbox/ is never bundled).
import { tsImport } from 'tsx/esm/api';

await tsImport('../sandbox/cli.ts', import.meta.url);
