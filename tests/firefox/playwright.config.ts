import { defineConfig } from '@playwright/test';

// `npm run test:firefox`: the core flows in Debian's Firefox ESR over WebDriver BiDi (Puppeteer drives it;
// Playwright is only the test runner here). Build first: `npx wxt build -b firefox`.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: '../../test-results/firefox',
});
