import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config';

export default defineConfig({
  main: {
    // Dependencies stay external in main (electron-vite's default): the native SQLite module
    // must be loaded from node_modules, never bundled.
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The worker threads' scripts are entries of their own, beside index.js, where
        // src-main/worker-pool.ts looks for them (the file name is the script's).
        input: {
          index: resolve(import.meta.dirname, 'src-main/electron/main.ts'),
          'open-worker': resolve(import.meta.dirname, 'src-main/consent/open-worker.ts'),
          'pdf-worker': resolve(import.meta.dirname, 'src-main/export/pdf-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can `require` only electron and a few built-ins: bundle the rest.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
