import { defineConfig } from '@playwright/test';

// Each worker keeps one Chromium with the extension, reset between tests (tests/e2e/fixtures.ts). Three tests at a
// time (E2E_WORKERS) on this 2-core machine: two left a third of the CPU idle while tests waited on real time
// (measured with cpuacct: 325 s wall, 510 CPU-s; three: 256 s). No test may rely on an idle machine.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  workers: Number(process.env.E2E_WORKERS ?? 3),
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
  outputDir: 'test-results',
});
