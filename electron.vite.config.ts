import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three bundles: the main process (Electron shell entry plus the plain-Node CLI, which share
// all logic), the sandboxed preload (must be CommonJS), and the React renderer.
export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve('main/shell/main.ts'),
          cli: resolve('main/cli/index.ts'),
          // QuickBooks pulls, store pulls and reconciling run in worker threads so the main process stays responsive.
          'sync-worker': resolve('main/sync/worker/entry.ts'),
          'reconcile-worker': resolve('main/reconcile/worker/entry.ts'),
          'store-worker': resolve('main/stores/worker/entry.ts'),
          // A full run's reading of a big company, on the other core (main/reconcile/full-read/).
          'reconcile-reader': resolve('main/reconcile/full-read/entry.ts'),
          // …and its storing of every verdict, on the other core once the reading is done (main/reconcile/full-write/).
          'reconcile-writer': resolve('main/reconcile/full-write/entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('preload/electron-preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
