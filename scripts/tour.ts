/**
 * `npm run tour`: drives the built extension (headless Chromium) through first run, adding accounts,
 * search, copy, an account's details, recovery codes, Show QR, dark mode and settings, and writes a
 * PNG of each step to docs/screenshots/. Secrets below are demo values, not real accounts.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { launchWithExtension } from '../tests/e2e/support/browser';
import { PopupPage } from '../tests/e2e/pages/popup';

const OUT = resolve(import.meta.dirname, '../docs/screenshots');
const PASSPHRASE = 'tour passphrase, not a real one';
const POPUP_VIEWPORT = { width: 380, height: 600 };

const DEMO_ACCOUNTS = [
  'otpauth://totp/GitHub:alice%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub',
  'otpauth://totp/Soci%C3%A9t%C3%A9%20G%C3%A9n%C3%A9rale:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Soci%C3%A9t%C3%A9%20G%C3%A9n%C3%A9rale&digits=8&period=60&algorithm=SHA256',
  'otpauth://totp/Steam:alice?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF&issuer=Steam&encoder=steam',
  'otpauth://hotp/Bank:alice?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Bank&counter=3',
  'otpauth://totp/Microsoft:alice%40contoso.com?secret=ONSWG4TFORZWK3DPMFRGGZDFMZTWQ2LK&issuer=Microsoft',
  'otpauth://totp/Proton:alice?secret=NBSWY3DPEB3W64TMMQQHEZLNMFXGC5DF&issuer=Proton',
];

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(250); // let transitions and the countdown settle
  await page.screenshot({ path: resolve(OUT, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const browser = await launchWithExtension();
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize(POPUP_VIEWPORT);
    const popup = await new PopupPage(page, browser.extensionId).open();
    await popup.expectFirstRun();
    await shot(page, '01-first-run');

    await popup.createVault(PASSPHRASE);
    await shot(page, '02-empty-state');

    await page.getByRole('button', { name: 'Paste a link' }).click();
    await page.getByLabel('otpauth:// link').fill(DEMO_ACCOUNTS[0]!);
    await shot(page, '03-add-account');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await popup.expectAccount('GitHub');
    for (const uri of DEMO_ACCOUNTS.slice(1)) await popup.addUri(uri);
    await popup.expectAccount('Proton');
    await popup.account('Microsoft').getByRole('button', { name: /^Pin Microsoft/ }).click();
    await shot(page, '04-accounts');

    await page.keyboard.press('/');
    await page.keyboard.type('societe');
    await shot(page, '05-search-accents');

    await page.keyboard.press('Enter');
    await shot(page, '06-copied');
    await page.getByRole('searchbox').fill('');

    await popup.openEdit('GitHub');
    await page.getByLabel('Sites it may fill codes on').fill('github.com');
    await page.getByLabel('Notes').fill('Work account; the security key is in the top drawer.');
    await shot(page, '07-edit-account');

    await page.getByRole('button', { name: /^Recovery codes/ }).click();
    await page.getByLabel('Paste codes, one per line').fill('1. a1b2c-3d4e5\n2. f6g7h-8i9j0\n3. k1l2m-3n4o5\n4. p6q7r-8s9t0');
    await page.getByRole('button', { name: 'Add codes' }).click();
    await page.getByRole('checkbox').first().check();
    await shot(page, '08-recovery-codes');
    await page.keyboard.press('Escape');

    await popup.openEdit('GitHub');
    await page.getByRole('button', { name: 'Show QR' }).click();
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Show QR code' }).click();
    await page.getByRole('img', { name: /^QR code of GitHub/ }).waitFor();
    await shot(page, '09-show-qr');
    await page.keyboard.press('Escape');

    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, '10-dark-mode');
    await page.emulateMedia({ colorScheme: 'light' });

    const options = await browser.context.newPage();
    await options.setViewportSize({ width: 800, height: 1200 });
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByRole('heading', { name: 'Settings' }).waitFor();
    await options.getByText('Now:').waitFor();
    await shot(options, '11-settings');
  } finally {
    await browser.dispose();
  }
}

await main();
