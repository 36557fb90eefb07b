/**
 * What the browser benches share: the preview server on a throwaway vault, Debian's Chromium,
 * and a median. The server serves out/renderer as it is: build it first.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { PASSPHRASE } from '../test/support/secrets';

export const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';

/** The preview server on a throwaway vault (KIOSK_PASSPHRASE), until `stop`. */
export async function startPreview(
  extraArgs: readonly string[] = [],
): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    join(ROOT, 'node_modules/.bin/tsx'),
    ['src-main/preview/main.ts', '--port', '0', ...extraArgs],
    {
      cwd: ROOT,
      env: { ...process.env, KIOSK_PASSPHRASE: PASSPHRASE },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Clinic Kiosk preview at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1]) {
        resolveUrl(match[1]);
      }
    });
    child.once('exit', (code) => {
      reject(new Error(`startPreview: exited (${String(code)}) before serving\n${output}`));
    });
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
