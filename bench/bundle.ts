/**
 * `npm run bench -- bundle`: what a client downloads (issue 13). For the Electron build
 * (`electron-vite build`, out/renderer) and the preview build (vite, in memory): the client
 * entry's scripts and styles raw and gzipped, their share of the 60 KB gzipped budget, and each
 * lazy screen's chunks; then the median first contentful paint and attract screen of 10 cold
 * loads in Chromium against the preview server. Figures only.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildRendererInMemory,
  CLIENT_BUDGET_BYTES,
  clientFiles,
  LAZY_SOURCES,
  lazyFiles,
  MANIFEST_FILE,
  sizesOf,
  type Manifest,
} from '../test/support/client-bundle';
import { tableRow } from './bench-table';
import { launchChromium, median, ROOT, startPreview } from './preview-browser';

const OUT_RENDERER = join(ROOT, 'out', 'renderer');
const COLD_LOADS = 10;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

function printBuild(name: string, manifest: Manifest, read: (file: string) => Buffer): void {
  const client = clientFiles(manifest);
  const scripts = sizesOf(
    client.filter((file) => file.endsWith('.js')),
    read,
  );
  const all = sizesOf(client, read);
  console.log(`${name}: client entry JS ${kb(scripts.raw)} raw, ${kb(scripts.gzip)} gzipped`);
  console.log(
    `${name}: client JS+CSS ${kb(all.raw)} raw, ${kb(all.gzip)} gzipped, ` +
      `${((all.gzip / CLIENT_BUDGET_BYTES) * 100).toFixed(0)}% of the 60 KB budget ` +
      `(JS alone ${((scripts.gzip / CLIENT_BUDGET_BYTES) * 100).toFixed(0)}%)`,
  );
  if (name === 'electron') {
    tableRow({
      what: 'renderer JS a client downloads, Electron build, gzipped',
      today: scripts.gzip / 1024,
      target: CLIENT_BUDGET_BYTES / 1024,
      unit: 'KB',
      better: 'lower',
      reference: `${kb(all.gzip)} with CSS; staff and setup screens in lazy chunks`,
    });
  }
  for (const source of LAZY_SOURCES) {
    const lazy = sizesOf(lazyFiles(manifest, source), read);
    console.log(`${name}:   lazy ${source}: ${kb(lazy.raw)} raw, ${kb(lazy.gzip)} gzipped`);
  }
}

async function coldLoads(): Promise<void> {
  const preview = await startPreview();
  const browser = await launchChromium();
  try {
    const paints: number[] = [];
    const ready: number[] = [];
    for (let load = 0; load < COLD_LOADS; load += 1) {
      // A fresh context each time: nothing cached, as a kiosk's first load after a restart.
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const page = await context.newPage();
      await page.goto(preview.url);
      await page.locator('main.attract').waitFor();
      const timing = await page.evaluate(() => ({
        paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
        now: performance.now(),
      }));
      paints.push(timing.paint);
      ready.push(timing.now);
      await context.close();
    }
    tableRow({
      what: 'client page first paint, median of cold loads',
      today: median(paints),
      target: 300,
      unit: 'ms',
      better: 'lower',
    });
    tableRow({
      what: 'client page interactive (attract screen shown), median of cold loads',
      today: median(ready),
      target: 300,
      unit: 'ms',
      better: 'lower',
      reference: 'an upper bound: includes the check round trip',
    });
    console.log(
      `preview, Chromium, ${COLD_LOADS} cold loads: first contentful paint median ` +
        `${median(paints).toFixed(0)} ms, attract screen shown (interactive) median ` +
        `${median(ready).toFixed(0)} ms (upper bound: includes the check's round trip)`,
    );
  } finally {
    await browser.close();
    preview.stop();
  }
}

export async function runBundleBench(): Promise<void> {
  console.log('building the Electron app (electron-vite build, out/) …');
  execFileSync(join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const electronManifest = JSON.parse(
    readFileSync(join(OUT_RENDERER, MANIFEST_FILE), 'utf8'),
  ) as Manifest;
  printBuild('electron', electronManifest, (file) => readFileSync(join(OUT_RENDERER, file)));

  const preview = await buildRendererInMemory();
  printBuild('preview', preview.manifest, (file) => {
    const body = preview.files.get(file);
    if (!body) {
      throw new Error(`runBundleBench: the preview build has no ${file}`);
    }
    return body;
  });

  // The preview server serves out/renderer, which the Electron build has just written.
  await coldLoads();
}
