import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { launchWithExtension, type ExtensionBrowser } from './support/browser';
import { DAV_PASSWORD, DAV_USER, startWebDav, type WebDavServer } from './support/webdav';
import { PopupPage } from './pages/popup';

/**
 * Joining and passphrase propagation as a person does them, through the options page and the popup:
 * browser B, with its own account and its own passphrase, joins A's synced vault (real rclone WebDAV
 * server), confirms, and ends with the union under A's passphrase; then A changes the passphrase, and
 * B tells the person at its next look and, once locked, opens only with the new passphrase.
 */

const PASS_A = 'first browser passphrase';
const PASS_B = 'second browser passphrase';
const PASS_NEW = 'a brand new passphrase for every browser';
const SECRET_1 = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SECRET_2 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

async function profile(passphrase: string): Promise<{ browser: ExtensionBrowser; popup: PopupPage }> {
  const browser = await launchWithExtension();
  const popup = await new PopupPage(await browser.context.newPage(), browser.extensionId).open();
  await popup.createVault(passphrase);
  return { browser, popup };
}

async function optionsOf(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  return page;
}

/** Fills the WebDAV form as a person would and presses "Turn on sync". */
async function fillWebDav(options: Page, dav: WebDavServer, deviceName: string) {
  const form = options.getByRole('form', { name: 'Sync between browsers' });
  await form.getByLabel('WebDAV address (https://)').fill(dav.url);
  await form.getByLabel('User name').fill(DAV_USER);
  await form.getByLabel('App password').fill(DAV_PASSWORD);
  await form.getByLabel('Name of this browser (shown on conflict copies)').fill(deviceName);
  await form.getByRole('checkbox', { name: /I understand/ }).check();
  await form.getByRole('button', { name: 'Turn on sync' }).click();
  return form;
}

let dav: WebDavServer;
test.beforeEach(async () => {
  dav = await startWebDav();
});
test.afterEach(async () => {
  await dav.dispose();
});

test('B joins A\'s synced vault through the options page: the union, under A\'s passphrase; A\'s new passphrase reaches B', async () => {
  test.setTimeout(180_000);
  const a = await profile(PASS_A);
  const b = await profile(PASS_B);
  try {
    await test.step('A turns WebDAV sync on with one account', async () => {
      await a.popup.addManual({ issuer: 'GitHub', name: 'alice', secret: SECRET_1 });
      await a.popup.expectAccount('GitHub');
      const options = await optionsOf(a.browser);
      await fillWebDav(options, dav, 'Laptop');
      await expect(options.getByRole('region', { name: 'Sync between browsers' }).getByRole('status')).toContainText('Last synced');
      await options.close();
    });

    await test.step('B, with its own account and passphrase, is asked for the synced vault\'s passphrase, sees what joining does, confirms', async () => {
      await b.popup.addManual({ issuer: 'Mail', name: 'bob', secret: SECRET_2 });
      await b.popup.expectAccount('Mail');
      const options = await optionsOf(b.browser);
      const form = await fillWebDav(options, dav, 'Desktop');
      await expect(form.getByRole('alert')).toContainText('passphrase of that vault');
      const passphrase = form.getByLabel('Passphrase of the synced vault');
      await passphrase.fill('not the passphrase');
      await form.getByRole('button', { name: 'Turn on sync' }).click();
      await expect(form.getByRole('alert')).toContainText('Wrong passphrase');
      await passphrase.fill(PASS_A);
      await form.getByRole('button', { name: 'Turn on sync' }).click();
      const join = form.getByRole('group', { name: 'Join the synced vault' });
      await expect(join).toContainText('The synced vault has 1 accounts; this browser has 1 (0 of them already synced)');
      await expect(join).toContainText("opens with the synced vault's passphrase");
      // Nothing changed before the person confirms.
      await b.popup.open();
      await b.popup.expectAccount('Mail');
      await expect(b.popup.account('GitHub')).toHaveCount(0);
      await join.getByRole('button', { name: 'Join and merge' }).click();
      await expect(options.getByRole('region', { name: 'Sync between browsers' }).getByRole('status')).toContainText('Last synced');
      await options.close();
    });

    await test.step('B holds the union and opens with A\'s passphrase only; A gets B\'s account', async () => {
      await b.popup.open();
      await b.popup.expectAccount('GitHub');
      await b.popup.expectAccount('Mail');
      await b.popup.page.getByRole('button', { name: 'Lock' }).click();
      await b.popup.expectLocked();
      await b.popup.unlock(PASS_B);
      await expect(b.popup.alert()).toContainText('Wrong passphrase');
      await b.popup.unlock(PASS_A);
      await b.popup.expectUnlocked();
      await b.popup.expectAccount('GitHub');

      await a.popup.open();
      await a.popup.page.getByTestId('sync-status').getByRole('button', { name: 'Sync now' }).click();
      await a.popup.expectAccount('Mail');
    });

    await test.step('A changes the passphrase in its options; B says so, and at its next unlock only the new one opens it', async () => {
      const options = await optionsOf(a.browser);
      const change = options.getByRole('form', { name: 'Change passphrase' });
      await change.getByLabel('Current passphrase').fill(PASS_A);
      await change.getByLabel('New passphrase', { exact: true }).fill(PASS_NEW);
      await change.getByLabel('New passphrase again').fill(PASS_NEW);
      await change.getByRole('button', { name: 'Change passphrase' }).click();
      await expect(change.getByRole('status')).toHaveText('Passphrase changed.');
      await options.close();
      await a.popup.open();
      const syncA = a.popup.page.getByTestId('sync-status');
      await syncA.getByRole('button', { name: 'Sync now' }).click();
      await expect(syncA).toContainText(/WebDAV: synced/);

      // B, still unlocked, syncs when its popup opens and tells the person.
      await b.popup.open();
      await expect(b.popup.page.getByTestId('sync-status')).toHaveText('The passphrase was changed on another browser: unlock with the new one.');
      await b.popup.page.getByRole('button', { name: 'Lock' }).click();
      await b.popup.expectLocked();
      await expect(b.popup.page.getByTestId('sync-status')).toHaveText('The passphrase was changed on another browser: unlock with the new one.');
      await b.popup.unlock(PASS_A);
      await expect(b.popup.alert()).toContainText('Wrong passphrase');
      await b.popup.unlock(PASS_NEW);
      await b.popup.expectUnlocked();
      await b.popup.expectAccount('GitHub');
      await b.popup.expectAccount('Mail');
      // Unlocked with the new passphrase: the hint has done its job.
      await b.popup.open();
      await b.popup.expectAccount('GitHub');
      await expect(b.popup.page.getByTestId('sync-status')).toContainText(/WebDAV: synced/);
    });
  } finally {
    await a.browser.dispose();
    await b.browser.dispose();
  }
});
