/**
 * Vitest global setup: one folder per run for the media the tests make with ffmpeg
 * (media-pack.ts makes them there on first use, so a run without media tests never calls
 * ffmpeg), removed when the run ends. Tests read it with `inject('mediaCacheDir')`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    mediaCacheDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-test-media-'));
  project.provide('mediaCacheDir', dir);
  return () => {
    rmSync(dir, { recursive: true, force: true });
  };
}
