import { defineConfig } from '@playwright/test';

// Each test launches its own Chromium with the extension (see tests/e2e/fixtures.ts); 2 cores here, so two
// tests at a time (E2E_WORKERS); no test may rely on an idle machine.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  workers: Number(process.env.E2E_WORKERS ?? 2),
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
  outputDir: 'test-results',
});
