/**
 * `npm run tour [-- --locale fr] [-- --scheme dark]`: drives the built extension (headless Chromium) through
 * first run, adding accounts, search, copy, an account's details, recovery codes, Show QR and settings, once in
 * the light and once in the dark colour scheme, and writes a PNG of each step to docs/screenshots/ (light:
 * `NN-step.png`, dark: `NN-step-dark.png`; another locale: docs/screenshots/<locale>/). Controls are found by the
 * locale's own text (public/_locales/<locale>, English where a message is missing). Secrets are demo values.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { expect, type Page } from '@playwright/test';
import { launchWithExtension } from '../tests/e2e/support/browser';

const { values: options } = parseArgs({ options: { locale: { type: 'string', default: 'en' }, scheme: { type: 'string', multiple: true } } });
const LOCALE = options.locale!;
const SCHEMES = (options.scheme?.length ? options.scheme : ['light', 'dark']) as ('light' | 'dark')[];
const LOCALES_DIR = resolve(import.meta.dirname, '../public/_locales');
const OUT = resolve(import.meta.dirname, '../docs/screenshots', LOCALE === 'en' ? '' : LOCALE);

type Messages = Record<string, { message: string }>;
const readMessages = (locale: string): Messages => {
  const file = resolve(LOCALES_DIR, locale, 'messages.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Messages) : {};
};
const ENGLISH = readMessages('en');
if (LOCALE !== 'en' && !existsSync(resolve(LOCALES_DIR, LOCALE))) throw new Error(`No public/_locales/${LOCALE}: the tour needs the extension's own messages`);
const LOCAL = readMessages(LOCALE);
const KEY_OF = new Map(Object.entries(ENGLISH).map(([key, { message }]) => [message, key]));

/** The locale's text of an English message (as written in en/messages.json), English if untranslated. */
function tr(english: string): string {
  const key = KEY_OF.get(english);
  if (!key) throw new Error(`"${english}" is not a message in public/_locales/en/messages.json`);
  return LOCAL[key]?.message ?? english;
}
/** A message with placeholders ($1…) as a pattern that matches any filling of them, from the start. */
function trPattern(english: string): RegExp {
  const text = tr(english);
  return new RegExp(`^${text.split(/\$\w+\$|\$\d/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}`);
}
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

let suffix = '';
async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(250); // let transitions and the countdown settle
  const file = `${name}${suffix}.png`;
  await page.screenshot({ path: resolve(OUT, file) });
  console.log(resolve(OUT, file).slice(resolve(import.meta.dirname, '..').length + 1));
}

function account(page: Page, title: string) {
  return page.getByRole('listitem').filter({ has: page.getByRole('button', { name: new RegExp(`^${title},`) }) });
}

/** The add form: the page itself while the list is empty, else opened from the toolbar. */
async function openAddForm(page: Page) {
  const form = page.getByRole('form', { name: tr('Add an account') });
  if (!(await form.isVisible())) await page.getByRole('button', { name: tr('Add account') }).first().click();
  await form.getByRole('radio', { name: tr('Paste a setup link') }).check();
  return form;
}

async function addUri(page: Page, uri: string): Promise<void> {
  const form = await openAddForm(page);
  await form.getByLabel(tr('Setup link'), { exact: true }).fill(uri);
  await form.getByRole('button', { name: tr('Add'), exact: true }).click();
  await expect(form).toHaveCount(0);
}

/** A row's menu of less frequent actions (pin, move, edit). */
async function menuAction(page: Page, title: string, item: string): Promise<void> {
  await account(page, title).getByRole('button', { name: trPattern('More for $1') }).click();
  await page.getByRole('menuitem', { name: tr(item) }).click();
}

async function openEdit(page: Page, title: string): Promise<void> {
  await menuAction(page, title, 'Edit…');
  await expect(page.getByRole('dialog')).toBeVisible();
}

async function tour(scheme: 'light' | 'dark'): Promise<void> {
  suffix = scheme === 'light' ? '' : `-${scheme}`;
  const browser = await launchWithExtension({ locale: LOCALE });
  try {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize(POPUP_VIEWPORT);
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await expect(page.getByRole('heading', { name: tr('Protect your codes') })).toBeVisible();
    await shot(page, '01-first-run');

    await page.getByLabel(tr('Passphrase'), { exact: true }).fill(PASSPHRASE);
    await page.getByLabel(tr('Type it again')).fill(PASSPHRASE);
    await page.getByRole('button', { name: tr('Set up Keyring') }).click();
    await expect(page.getByRole('heading', { name: tr('Accounts'), exact: true })).toBeVisible({ timeout: 30_000 });
    await shot(page, '02-empty-state');

    const form = await openAddForm(page);
    await form.getByLabel(tr('Setup link'), { exact: true }).fill(DEMO_ACCOUNTS[0]!);
    await shot(page, '03-add-account');
    await form.getByRole('button', { name: tr('Add'), exact: true }).click();
    await expect(account(page, 'GitHub')).toBeVisible();
    for (const uri of DEMO_ACCOUNTS.slice(1)) await addUri(page, uri);
    await expect(account(page, 'Proton')).toBeVisible();
    await menuAction(page, 'Microsoft', 'Pin to the top');
    await shot(page, '04-accounts');

    await page.keyboard.press('/');
    await page.keyboard.type('societe');
    await shot(page, '05-search-accents');

    await page.keyboard.press('Enter');
    await shot(page, '06-copied');
    await page.getByRole('searchbox').fill('');

    await openEdit(page, 'GitHub');
    await page.getByLabel(tr('Sites it may fill codes on')).fill('github.com');
    await page.getByLabel(tr('Notes')).fill('Work account; the security key is in the top drawer.');
    await shot(page, '07-edit-account');

    await page.getByRole('button', { name: trPattern('Recovery codes') }).click();
    await page.getByLabel(tr('Paste codes, one per line')).fill('1. a1b2c-3d4e5\n2. f6g7h-8i9j0\n3. k1l2m-3n4o5\n4. p6q7r-8s9t0');
    await page.getByRole('button', { name: tr('Add codes') }).click();
    await page.getByRole('checkbox').first().check();
    await shot(page, '08-recovery-codes');
    await page.keyboard.press('Escape');

    await openEdit(page, 'GitHub');
    await page.getByRole('button', { name: tr('Show QR code'), exact: true }).click();
    await page.getByLabel(tr('Passphrase'), { exact: true }).fill(PASSPHRASE);
    await page.getByRole('dialog').getByRole('button', { name: tr('Show QR code'), exact: true }).click();
    await page.getByRole('img', { name: /GitHub/ }).waitFor();
    await shot(page, '09-show-qr');
    await page.keyboard.press('Escape');

    const settings = await browser.context.newPage();
    await settings.emulateMedia({ colorScheme: scheme });
    await settings.setViewportSize({ width: 800, height: 1200 });
    await settings.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await settings.getByRole('heading', { name: tr('Settings') }).first().waitFor();
    await settings.getByText(trPattern('Now: $1.')).first().waitFor();
    await shot(settings, '11-settings');
  } finally {
    await browser.dispose();
  }
}

await mkdir(OUT, { recursive: true });
for (const scheme of SCHEMES) await tour(scheme);
