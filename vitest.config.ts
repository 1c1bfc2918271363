import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };

/**
 * Long files that need no Kafka: the scripted simulator hour (minutes of one core) and the slowest
 * store-only files. `npm test` runs them in a Vitest process of their own on the second core, beside
 * the rest (scripts/test.sh), so that the two cores' lanes take about as long.
 */
const BESIDE = [
  'stream-processor/rules/hour.integration.test.ts',
  'stream-processor/rollup/rollup.integration.test.ts',
  'test/chdb-server.integration.test.ts',
  'lib/kpis-arrival.integration.test.ts',
  // Kafka-free and ~25 s each: they even the lanes out (the other clocks' browser runs got shorter).
  'stream-processor/handoff.integration.test.ts',
  'stream-processor/processor.integration.test.ts',
  // Kafka-free, ~20 s each: the second lane still ended ~2 min before the first (2026-12-02).
  'lib/kpis.integration.test.ts',
  'lib/notify/notify.integration.test.ts',
];

export default defineConfig({
  resolve: { alias },
  test: {
    // Files run one at a time: integration files each start chDB (one data directory per process)
    // and, later, Kafka consumers; two at once would fight over 2 cores and flake on timing.
    fileParallelism: false,
    projects: [
      {
        resolve: { alias },
        // A generous bound, not a speed check: Vitest's default 5 s failed a CPU-bound simulator test
        // on a busy machine (speed targets live in bench/).
        test: {
          name: 'unit',
          include: ['{lib,stream-processor,app,components,test}/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', 'node_modules/**'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        // Each file in its own process (forks): chDB binds one data directory per process.
        test: {
          name: 'integration',
          include: ['**/*.integration.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          exclude: ['node_modules/**', ...BESIDE],
          pool: 'forks',
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'beside',
          include: BESIDE,
          pool: 'forks',
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
