import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src-main/**/*.test.ts',
      'src-shared/**/*.test.ts',
      'src-renderer/**/*.test.ts',
      'test/unit/**/*.test.ts',
    ],
    // The long runs are `npm run test:soak` (vitest.soak.config.ts).
    exclude: [...configDefaults.exclude, '**/*.soak.test.ts'],
    environment: 'node',
    // A folder for the video and pictures the media tests make with ffmpeg, per run.
    globalSetup: ['test/support/media-setup.ts'],
    // Native SQLite, scrypt and child processes: give slow machines room, never a timing assertion.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Diagnostics of passing tests are noise in CI logs; a failing test still shows its own.
    silent: 'passed-only',
  },
});
