import { defineConfig } from 'vitest/config';

// Inside this repository `edusim`, `edusim/msw`, … (package.json "exports", self-reference by name)
// resolve to the TypeScript sources through the "edusim-source" condition, with no build. Vitest
// adds its own conditions (node, development|production) after ours.
const conditions = { resolve: { conditions: ['edusim-source'] }, ssr: { resolve: { conditions: ['edusim-source'] } } };

// Tiers by file name (docs/testing.md): *.test.ts in-process, *.int.test.ts on real sockets and processes,
// *.browser.int.test.ts in a real browser.
export default defineConfig({
  ...conditions,
  test: {
    projects: [
      // 15 s: a test that starts edusim in-process (the examples' fixture) pays its start on a loaded 2-core runner.
      {
        ...conditions,
        test: { name: 'fast', include: ['**/*.test.ts'], exclude: ['**/*.int.test.ts', 'node_modules/**', 'dist/**'], testTimeout: 15_000 },
      },
      {
        ...conditions,
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ['**/*.browser.int.test.ts', 'node_modules/**', 'dist/**'],
          testTimeout: 60_000,
        },
      },
      // Real Chromium (playwright-core, /usr/bin/chromium) on real sockets: `npm run test:browser`, its own CI step.
      {
        ...conditions,
        test: { name: 'browser', include: ['**/*.browser.int.test.ts'], exclude: ['node_modules/**', 'dist/**'], testTimeout: 60_000 },
      },
    ],
  },
});
