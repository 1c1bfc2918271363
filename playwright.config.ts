import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3210);
const dataDir = path.join(os.tmpdir(), `ops-pulse-e2e-${process.pid}`);

/** Browser tests in Debian's Chromium against the embedded server with a seeded simulator. */
export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: process.env.CI_JSON ? [['list'], ['json', { outputFile: process.env.CI_JSON }]] : 'list',
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: `rm -rf ${dataDir} && node --import tsx server.ts`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      OPS_DATA_DIR: dataDir,
      OPS_SIMULATOR: 'on',
      OPS_SIMULATOR_SEED: '7',
      OPS_SIMULATOR_RATE: '100',
      OPS_SIMULATOR_BACKFILL_DAYS: '14',
      OPS_SIMULATOR_BACKFILL_EVENTS: '40000',
      OPS_LOG_LEVEL: 'warn',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
