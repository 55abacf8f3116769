import { expect, test } from './fixtures';
import { clickControl, findControls, waitForControl } from './support/ax';
import { codesAroundNow } from './support/totp-reference';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<{ value: unknown }> } };

const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

test('one click: the page’s QR is offered, added bound to the site, and the confirmation code filled', async ({ popup, browserWithExtension }) => {
  await popup.createVault(PASSPHRASE);
  const page = await browserWithExtension.context.newPage();
  await page.goto('https://accounts.demo.test/enrol.html');
  const add = await waitForControl(page, 'button', /^Add$/, 8000);
  expect(add, 'the offer shows an Add button').not.toBeNull();
  const [dialog] = await findControls(page, 'dialog', /Add to your authenticator/);
  expect(dialog).toBeDefined();
  await clickControl(page, add!);
  await expect(page.locator('#otp')).toHaveValue(/^\d{6}$/);
  expect(codesAroundNow(SECRET)).toContain(await page.locator('#otp').inputValue());
  expect(await waitForControl(page, 'StaticText', /Added Demo Co\. The confirmation code is filled in\./, 3000)).not.toBeNull();

  await popup.open();
  await expect(popup.account('Demo Co')).toBeVisible();
  const { accounts } = (await popup.page.evaluate(() => chrome.runtime.sendMessage({ type: 'accounts/list', payload: null }))).value as { accounts: { sites: string[] }[] };
  expect(accounts[0]?.sites).toEqual(['demo.test']);

  // The same QR again: recognised, not added twice.
  await page.reload();
  await clickControl(page, (await waitForControl(page, 'button', /^Add$/, 8000))!);
  expect(await waitForControl(page, 'StaticText', /Already in your authenticator: Demo Co/, 3000)).not.toBeNull();
});

test('a locked vault: the extension’s own window asks for the passphrase, never the page', async ({ popup, browserWithExtension }) => {
  await popup.createVault(PASSPHRASE);
  await popup.page.getByRole('button', { name: 'Lock' }).click();
  await popup.expectLocked();
  const page = await browserWithExtension.context.newPage();
  await page.goto('https://accounts.demo.test/enrol.html');
  const add = await waitForControl(page, 'button', /^Add$/, 8000);
  await clickControl(page, add!);
  expect(await waitForControl(page, 'StaticText', /Unlock your authenticator/, 3000)).not.toBeNull();
  expect(await page.locator('input[type=password]').count()).toBe(0);
  // The background opened the toolbar popup (not observable headless); the person unlocks there.
  await popup.open();
  await popup.unlock(PASSPHRASE);
  await popup.expectUnlocked();
  await clickControl(page, (await waitForControl(page, 'button', /^Back$/, 3000))!);
  await clickControl(page, (await waitForControl(page, 'button', /^Add$/, 3000))!);
  expect(await waitForControl(page, 'StaticText', /Added Demo Co/, 5000)).not.toBeNull();
});

test('“Scan this page” says what it found, or why it could not look', async ({ popup }) => {
  await popup.createVault(PASSPHRASE);
  // Opened as a tab here, the popup is itself the active tab: a page of an extension, which cannot be read.
  await popup.page.getByRole('button', { name: 'Scan this page' }).first().click();
  await expect(popup.page.getByText('Pages of extensions cannot be read by other extensions.')).toBeVisible();
});
