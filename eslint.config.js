// Lint rules, including the layering of the house (docs/decisions/0003): data flows
// sandbox → gateway → schema → mocks → seeds, and no folder reaches into another's insides.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const faces = ['seeds', 'mocks', 'schema', 'gateway', 'sandbox'];
const deepImports = faces.map((face) => ({
  group: [`**/${face}/*/**`, `../${face}/*`, `../../${face}/*`, `!../${face}/index.ts`, `!../../${face}/index.ts`],
  message: `Import ${face}/ through its public face, ${face}/index.ts.`,
}));
const layer = (forbidden) => [
  ...forbidden.map((face) => ({
    group: [`**/${face}/**`, `**/${face}/index.ts`],
    message: `This layer must not import ${face}/ (docs/decisions/0003: sandbox → gateway → schema → mocks → seeds).`,
  })),
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'scratch/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly' },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['seeds/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: layer(['mocks', 'schema', 'gateway', 'sandbox']) }] } },
  {
    files: ['mocks/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...layer(['schema', 'gateway', 'sandbox']), ...deepImports.filter((_, i) => faces[i] === 'seeds')] }],
    },
  },
  {
    files: ['schema/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...layer(['gateway', 'sandbox']), ...deepImports.filter((_, i) => faces[i] === 'seeds' || faces[i] === 'mocks')] },
      ],
    },
  },
  {
    files: ['gateway/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...layer(['sandbox']), ...deepImports.filter((_, i) => faces[i] !== 'gateway' && faces[i] !== 'sandbox')] },
      ],
    },
  },
  {
    files: ['sandbox/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: deepImports.filter((_, i) => faces[i] !== 'sandbox') }] },
  },
  // Above the house, the package's entry points (package.json "exports"): the root index.ts,
  // client/ (edusim/client), testing/ (edusim/msw, edusim/vitest); and examples/, written as a
  // consumer writes them.
  {
    files: ['index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\./(seeds|mocks|schema|gateway|sandbox|client)/(?!index\\.ts$)',
              message: 'The root entry re-exports folders through their faces, <folder>/index.ts.',
            },
            {
              regex: '^\\./(testing|examples|bench|scripts)/',
              message: 'The root entry must not load testing/: msw and vitest are optional peers (edusim/msw, edusim/vitest).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+sandbox/index\\.ts$',
              allowTypeImports: true,
              message: 'client/ takes only types (import type) from sandbox/index.ts: the SDK runs without the server.',
            },
            {
              regex: '^(\\.\\./)+(seeds|mocks|schema|gateway|testing|examples|bench|sandbox/(?!index\\.ts$))',
              message: 'client/ is the standalone SDK: it imports nothing of the project but types from sandbox/index.ts.',
            },
            { regex: '^edusim(/|$)', message: 'client/ is part of edusim: it does not import the package by name.' },
          ],
        },
      ],
    },
  },
  {
    files: ['testing/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(seeds|mocks|schema|gateway|sandbox|client)/(?!index\\.ts$)',
              message: 'testing/ imports the project through its faces, <folder>/index.ts.',
            },
            {
              regex: '^(\\.\\./)+(examples|bench|scripts)/',
              message: 'testing/ is shipped (edusim/msw, edusim/vitest): it must not import examples/, bench/ or scripts/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['examples/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\.(/|$)',
              message: 'examples/ use edusim as a consumer does: import from edusim, edusim/client, edusim/msw, edusim/vitest (and each other).',
            },
          ],
        },
      ],
    },
  },
);
