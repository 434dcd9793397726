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
    // Five tiers: `npm test` runs them all, `npm run test:unit` (seconds, needs nothing),
    // `test:integration` (a database per file), `test:e2e` (a production build and Chromium),
    // `test:faults` (outages, crashes, launch-day load) and `test:deploys` (the deploy guides as
    // written) one each. Only the tiers with a database
    // build the migrated template they copy.
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], sequence: { groupOrder: 0 } } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          sequence: { groupOrder: 0 },
          globalSetup: ['tests/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      // Faults and launch-day load: they stop services, kill the server and load both cores, so they
      // run after the others, one at a time (a browser test beside them would time out, and their
      // latency figures would measure the neighbours).
      {
        extends: true,
        test: {
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      // The deploy guides run as written (a Heroku build, vercel build, the plain server behind
      // nginx): each installs or builds the whole site, so they run last, one at a time, where
      // their load cannot slow a browser test's timing (a product page went stale during one).
      {
        extends: true,
        test: {
          name: 'deploys',
          include: ['tests/deploys/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
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
