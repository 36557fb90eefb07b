// @ts-check
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/', '.cache/'],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      curly: 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser },
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Only src-main/electron/ may import electron (ARCHITECTURE.md).
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src-main/electron/ may import electron.' }] },
      ],
    },
  },
  {
    // The security scan (scripts/electronegativity.mjs) parses out/main/index.js with a parser
    // that cannot read `#private` class members, and a file it cannot read is a file it did not
    // check (the scan fails): main's code uses TypeScript's `private` instead.
    files: ['src-main/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'PrivateIdentifier',
          message: 'Use TypeScript `private`: the security scan cannot parse `#private` members.',
        },
      ],
    },
  },
  {
    // Domain folders never import the API table, the composition root or a transport:
    // handlers depend on domains, not the other way round (tests may import anything).
    files: [
      'src-main/{alerts,audit,consent,content,export,health,print,push,seal,staff,vault}/**/*.ts',
      'src-main/{contract,failure,kiosk-config,person-name}.ts',
    ],
    ignores: ['**/*.test.ts', '**/*-test-fixtures.ts', '**/sample-records.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only src-main/electron/ may import electron.' }],
          patterns: [
            {
              group: ['**/api', '**/api/**', '**/kiosk-app', '**/kiosk-options', '**/cli/**'],
              message: 'Domain code may not import the API table, the composition root or the CLI.',
            },
            {
              group: ['**/electron/**', '**/preview/**'],
              message: 'Domain code may not import a transport.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer sees main only through `import type` from the contract.
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer has no Node and no electron.' }],
          patterns: [
            {
              group: ['**/src-main/**', '!**/src-main/contract', '!**/src-main/contract.ts'],
              message: 'The renderer may only `import type` from src-main/contract.ts.',
            },
            {
              group: ['**/src-main/contract', '**/src-main/contract.ts'],
              allowTypeImports: true,
              message: 'Use `import type` from the contract in the renderer.',
            },
          ],
        },
      ],
    },
  },
);
