import { resolve } from 'node:path';
import { test as base } from '@playwright/test';
import { launchWithExtension, type ExtensionBrowser } from './support/browser';
import { startStaticServer, type StaticServer } from './support/server';
import { PopupPage } from './pages/popup';

export const SITE_DIR = resolve(import.meta.dirname, 'site');

/** The worker-scoped HTTPS server of tests/e2e/site/, shared with the Firefox tests' fixtures. */
// eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
export async function serveSite({}, use: (server: StaticServer) => Promise<void>): Promise<void> {
  const server = await startStaticServer(SITE_DIR);
  await use(server);
  await server.close();
}

interface Fixtures {
  browserWithExtension: ExtensionBrowser;
  popup: PopupPage;
}

interface WorkerFixtures {
  server: StaticServer;
}

/**
 * `browserWithExtension`: Chromium + the built extension on a fresh profile, every host name mapped to
 * the HTTPS test server that serves tests/e2e/site/. `popup`: the extension's popup page, opened.
 */
export const test = base.extend<Fixtures, WorkerFixtures>({
  server: [serveSite, { scope: 'worker' }],
  browserWithExtension: async ({ server }, use) => {
    const browser = await launchWithExtension({ serverPort: server.port });
    await use(browser);
    await browser.dispose();
  },
  popup: async ({ browserWithExtension }, use) => {
    const page = await browserWithExtension.context.newPage();
    await use(await new PopupPage(page, browserWithExtension.extensionId).open());
  },
});

export { expect } from '@playwright/test';
