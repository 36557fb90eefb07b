/**
 * `npm run test:soak`: the long runs kept out of `npm test` (which must stay near ten minutes
 * on two cores): `*.soak.test.ts` files, such as 20 exports killed at random moments and a FHIR
 * export of 10,000 records. CI runs it after `npm test`.
 */
import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config';

export default defineConfig({
  test: {
    ...base.test,
    include: ['src-main/**/*.soak.test.ts', 'test/**/*.soak.test.ts'],
    exclude: configDefaults.exclude,
    // Minutes, not seconds: still no timing assertion, only room to finish.
    testTimeout: 3_600_000,
    hookTimeout: 600_000,
  },
});
