import { defineConfig } from 'vitest/config'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')

export default defineConfig({
  root,
  resolve: {
    alias: {
      '@': root,
      // `server-only` throws outside React's server environment; tests are server code.
      'server-only': path.join(root, 'tests/support/server-only.ts'),
    },
  },
  test: {
    // Three tiers: `npm test` runs them all, `npm run test:unit` (seconds, needs nothing),
    // `test:integration` (a database per file) and `test:e2e` (a production build and Chromium)
    // one each. Only the tiers with a database build the migrated template they copy.
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], globalSetup: ['tests/support/global-setup.ts'] },
      },
    ],
    setupFiles: ['tests/support/fail-on-console-error.ts'],
    // One process per test file: each file gets its own database and its own globals.
    pool: 'forks',
    isolate: true,
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // The machine has two cores; the browser tests start a server of their own.
    maxWorkers: 2,
  },
})
