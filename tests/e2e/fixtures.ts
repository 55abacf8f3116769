import { resolve } from 'node:path';
import { test as base } from '@playwright/test';
import { launchWithExtension, ReusedBrowser, type ExtensionBrowser } from './support/browser';
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
  /**
   * `test.use({ freshBrowser: true })`: a browser launched for this test alone, for tests of what a reset cannot
   * give back (the first start of the extension, a restart, the profile on disk, the clipboard).
   */
  freshBrowser: boolean;
}

interface WorkerFixtures {
  server: StaticServer;
  reusedBrowser: ReusedBrowser;
}

/**
 * `browserWithExtension`: Chromium + the built extension, every host name mapped to the HTTPS test server that
 * serves tests/e2e/site/; the worker's browser reset to what a fresh profile gives the extension (launching
 * Chromium costs more CPU than most tests), or a fresh one with `freshBrowser`. `popup`: the extension's popup page, opened.
 */
export const test = base.extend<Fixtures, WorkerFixtures>({
  server: [serveSite, { scope: 'worker' }],
  reusedBrowser: [
    async ({ server }, use) => {
      // The page each reset works through is kept for the popup fixture: a new page costs a renderer process.
      const reused = new ReusedBrowser(() => launchWithExtension({ serverPort: server.port }), { keepControlPage: true });
      await use(reused);
      await reused.discard();
    },
    { scope: 'worker' },
  ],
  freshBrowser: [false, { option: true }],
  browserWithExtension: async ({ server, freshBrowser, reusedBrowser }, use, testInfo) => {
    if (freshBrowser) {
      const browser = await launchWithExtension({ serverPort: server.port });
      await use(browser);
      await browser.dispose();
      return;
    }
    await use(await reusedBrowser.take());
    // A failed test may leave what a reset does not clean: the next test gets a new browser.
    if (testInfo.status !== testInfo.expectedStatus) await reusedBrowser.discard();
  },
  popup: async ({ browserWithExtension, reusedBrowser }, use) => {
    const page = reusedBrowser.claimControlPage(browserWithExtension.context) ?? (await browserWithExtension.context.newPage());
    await use(await new PopupPage(page, browserWithExtension.extensionId).open());
  },
});

export { expect } from '@playwright/test';
