import { defineConfig } from 'vitest/config';

// Two tiers by file name (docs/testing.md): *.test.ts in-process, *.int.test.ts on real sockets and processes.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'fast', include: ['**/*.test.ts'], exclude: ['**/*.int.test.ts', 'node_modules/**'] } },
      { test: { name: 'integration', include: ['**/*.int.test.ts'], exclude: ['node_modules/**'], testTimeout: 60_000 } },
    ],
  },
});
