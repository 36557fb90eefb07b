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
        input: { index: resolve(import.meta.dirname, 'src-main/electron/main.ts') },
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
