import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  // Mail templates (lib/mail/templates) are React components: compiled as Next does.
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: {
    alias: {
      '@': root,
      // The real package throws outside React server bundles; tests run services directly.
      'server-only': path.join(root, 'tests/support/server-only.ts'),
    },
  },
  test: {
    env: { AUTH_SECRET: 'test-secret-test-secret-test-secret-0123', NODE_ENV: 'test' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/integration/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite takes ~0.8 GB per instance; two workers fit the 2-core machines.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          // The production build as a child process against PostgreSQL: after `npm run
          // build`, one file at a time (each starts servers of its own, ports 3410-3419).
          name: 'system',
          include: ['tests/system/**/*.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 240_000,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
