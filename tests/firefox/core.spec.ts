import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ElementHandle, Target } from 'puppeteer-core';
import { expect, test } from './fixtures';
import { codesAroundNow } from '../e2e/support/totp-reference';
import { launchFirefoxWithExtension } from './support/firefox';
import { click, clickInShadow, fill, FirefoxPopup, openExtensionPage, waitForShadowText } from './support/pages';

/**
 * The core flows of tests/e2e/, in Debian's Firefox ESR with the built Firefox package (.output/firefox-mv3).
 * `npm run test:firefox` runs them all; `npm test` runs those tagged @npm-test (all but the two-profile backup
 * round trip, the slowest) to stay within its time budget.
 */
const PASSPHRASE = 'correct horse battery staple';
const GITHUB = { issuer: 'GitHub', name: 'alice', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' };
const BANK = { issuer: 'Bank', name: 'bob', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' };
const DEMO_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'; // tests/e2e/site/enrol-qr.png

test('create the vault, lock, refuse a wrong passphrase, unlock; codes match an independent RFC 6238', { tag: '@npm-test' }, async ({ popup }) => {
  await popup.createVault(PASSPHRASE);
  await popup.addManual(GITHUB);
  expect(codesAroundNow(GITHUB.secret)).toContain(await popup.codeOf('GitHub'));
  await click(popup.page, 'Lock');
  await popup.expectLocked();
  await popup.unlock('not the passphrase');
  expect(await popup.alertText()).toContain('Wrong passphrase');
  await popup.unlock(PASSPHRASE);
  await popup.expectUnlocked();
  await popup.addManual(BANK);
  expect(codesAroundNow(BANK.secret)).toContain(await popup.codeOf('Bank'));
  expect(codesAroundNow(GITHUB.secret)).toContain(await popup.codeOf('GitHub'));
});

test('the enrolment offer on a QR page adds the account, bound to the site, and fills the confirmation code', { tag: '@npm-test' }, async ({ popup, firefox }) => {
  await popup.createVault(PASSPHRASE);
  const page = await firefox.newPage();
  await page.goto('https://accounts.demo.test/enrol.html');
  await clickInShadow(page, 'keyring-offer', /^Add$/);
  await page.waitForFunction(() => /^\d{6}$/.test((document.querySelector('#otp') as HTMLInputElement).value));
  expect(codesAroundNow(DEMO_SECRET)).toContain(await page.$eval('#otp', (input) => (input as HTMLInputElement).value));
  expect(await waitForShadowText(page, 'keyring-offer', /Added Demo Co\. The confirmation code is filled in\./)).toBeTruthy();
  await popup.open();
  expect(codesAroundNow(DEMO_SECRET)).toContain(await popup.codeOf('Demo Co'));
});

test('the sign-in fill fills on the site an account is bound to, and not on a look-alike', { tag: '@npm-test' }, async ({ popup, firefox }) => {
  await popup.createVault(PASSPHRASE);
  await popup.addManual(GITHUB);
  await popup.menuAction('GitHub', 'Edit…');
  await fill(popup.page, 'Sites it may fill codes on', 'github.com');
  await click(popup.page, 'Save');
  await popup.page.waitForSelector('[role="dialog"]', { hidden: true });

  const bound = await firefox.newPage();
  await bound.goto('https://github.com/bench-signin.html');
  await clickInShadow(bound, 'keyring-fill', /^Fill one-time code$/);
  await bound.waitForFunction(() => /^\d{6}$/.test((document.querySelector('#otp') as HTMLInputElement).value));
  expect(codesAroundNow(GITHUB.secret)).toContain(await bound.$eval('#otp', (input) => (input as HTMLInputElement).value));

  // github.com.evil.example is another site: the person's click does not put GitHub's code there; it opens
  // Keyring's own window, which names the site the account would be bound to.
  const lookalike = await firefox.newPage();
  await lookalike.goto('https://github.com.evil.example/bench-signin.html');
  // WebDriver BiDi reports the extension's new window as about:blank; its document tells what it is.
  const binding = new Promise<Target>((resolve) => firefox.browser.on('targetcreated', (target: Target) => target.type() === 'page' && resolve(target)));
  await clickInShadow(lookalike, 'keyring-fill', /^Fill one-time code$/);
  const bindPage = (await (await binding).page())!;
  await bindPage.waitForFunction((origin) => location.href.startsWith(`${origin}/bind.html`) && document.body.textContent?.includes('evil.example'), { timeout: 15_000 }, firefox.origin);
  expect(await lookalike.$eval('#otp', (input) => (input as HTMLInputElement).value)).toBe('');
});

test('export an encrypted backup and import it into a fresh profile; every code matches', async ({ popup, firefox, server }) => {
  await popup.createVault(PASSPHRASE);
  await popup.addManual(GITHUB);
  await popup.addManual(BANK);
  const backup = await firefox.newPage();
  await openExtensionPage(backup, `${firefox.origin}/backup.html`);
  await fill(backup, 'Your Keyring passphrase (to confirm it is you)', PASSPHRASE);
  await fill(backup, 'Backup password', 'backup password 42');
  await fill(backup, 'Backup password, again', 'backup password 42');
  await click(backup, 'Download encrypted backup');
  const file = await waitForDownload(firefox.downloadDir);
  const text = await readFile(file);
  for (const account of [GITHUB, BANK]) expect(text.includes(Buffer.from(account.secret))).toBe(false);

  const fresh = await launchFirefoxWithExtension({ serverPort: server.port });
  try {
    const freshPopup = await new FirefoxPopup(await fresh.newPage(), fresh.origin).open();
    await freshPopup.createVault('another passphrase 99');
    const restore = await fresh.newPage();
    await openExtensionPage(restore, `${fresh.origin}/backup.html`);
    const chooser = await restore.waitForSelector('input[type="file"]');
    await (chooser as ElementHandle<HTMLInputElement>).uploadFile(file);
    await fill(restore, 'Password of this backup', 'backup password 42');
    await click(restore, 'Open');
    await click(restore, 'Import 2 accounts');
    await restore.waitForFunction(() => document.querySelector('[role="status"]')?.textContent?.includes('Added 2 accounts.'));
    await freshPopup.open();
    expect(codesAroundNow(GITHUB.secret)).toContain(await freshPopup.codeOf('GitHub'));
    expect(codesAroundNow(BANK.secret)).toContain(await freshPopup.codeOf('Bank'));
  } finally {
    await fresh.dispose();
  }
});

/** The finished download (Firefox writes `name.part` first and renames it when complete). */
async function waitForDownload(dir: string): Promise<string> {
  await expect.poll(async () => (await readdir(dir).catch(() => [])).filter((f) => !f.endsWith('.part')).length, { timeout: 15_000 }).toBeGreaterThan(0);
  const [name] = (await readdir(dir)).filter((f) => !f.endsWith('.part'));
  return join(dir, name!);
}

test('a copied code is emptied from the clipboard 30 s later by the event page, after the popup has closed', async ({ popup, firefox }) => {
  await popup.createVault(PASSPHRASE);
  await popup.addManual(GITHUB);
  const row = await popup.page.evaluateHandle(() => [...document.querySelectorAll('li')].find((li) => li.querySelector('.issuer')?.firstChild?.textContent === 'GitHub')?.querySelector('button.account-main'));
  await (row as ElementHandle<HTMLButtonElement>).click(); // copies the code
  const reader = await firefox.newPage();
  await reader.goto('https://corpus.test/');
  await reader.bringToFront();
  const clipboard = () => reader.evaluate(() => navigator.clipboard.readText());
  await expect.poll(clipboard).not.toBe('');
  expect(codesAroundNow(GITHUB.secret)).toContain(await clipboard());
  await popup.page.close();
  await expect.poll(clipboard, { timeout: 60_000, intervals: [1000] }).toBe('');
});
