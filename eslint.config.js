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
  { ignores: ['node_modules/**', 'coverage/**', 'scratch/**'] },
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
);
