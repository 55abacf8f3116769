import { test as base } from '@playwright/test';
import { serveSite } from '../e2e/fixtures';
import type { StaticServer } from '../e2e/support/server';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './support/firefox';
import { FirefoxPopup } from './support/pages';

/** `firefox`: Firefox ESR with the built add-on on a fresh profile; `popup`: its popup page, opened in a tab. */
export const test = base.extend<{ firefox: FirefoxWithExtension; popup: FirefoxPopup }, { server: StaticServer }>({
  server: [serveSite, { scope: 'worker' }],
  firefox: async ({ server }, use) => {
    const firefox = await launchFirefoxWithExtension({ serverPort: server.port });
    await use(firefox);
    await firefox.dispose();
  },
  popup: async ({ firefox }, use) => {
    await use(await new FirefoxPopup(await firefox.newPage(), firefox.origin).open());
  },
});

export { expect } from '@playwright/test';
