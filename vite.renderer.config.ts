/**
 * The renderer's build, shared by electron-vite (the app) and by `npm run build:renderer`
 * (the loopback preview server and the Chromium end-to-end suite), so both serve the same bundle.
 */
import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { UserConfig } from 'vite';

export const rendererConfig: UserConfig = {
  root: resolve(import.meta.dirname, 'src-renderer'),
  base: './',
  plugins: [svelte()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    // Explicit, so the app's build (electron-vite leaves a renderer unminified unless told)
    // serves what the preview serves.
    minify: 'esbuild',
    // `.vite/manifest.json`: which chunk each entry and lazy screen is, for `npm run bench`.
    manifest: true,
    rollupOptions: { input: resolve(import.meta.dirname, 'src-renderer/index.html') },
  },
};

export default rendererConfig;
