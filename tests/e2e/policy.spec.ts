// The organisation's managed policy (issue #16), loaded by Chromium itself from a real policy file:
// /etc/chromium/policies/managed/<file>.json with `3rdparty.extensions.<id>` — no stub of storage.managed.
// Other agents run Chromium on this machine at the same time, so this file loads its own copy of the
// built extension (its id comes from the copy's folder) and its policy file names only that id.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { findControls, waitForControl } from './support/ax';
import { launchWithExtension, type ExtensionBrowser } from './support/browser';
import { openContentWorld } from './support/content-world';
import { canWritePolicies, CHROMIUM_MANAGED_POLICY_DIR, managedExtensionCopy, type ManagedExtension } from './support/policy';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const KEY_BUTTON = /^Fill one-time code/;
/**
 * Chromium re-reads its policy folder when a file changes (inotify), after the file has been still for a
 * few seconds: waiting for the new policy is waiting for that condition, with room for a loaded machine.
 */
const POLICY_RELOAD_MS = 60_000;

interface Reply<T = unknown> {
  ok: boolean;
  value?: T;
  error?: { code: string; message: string };
}

/** A request from an extension page, as the person's own UI sends it. */
const ask = <T = unknown>(page: Page, type: string, payload: unknown) =>
  page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const) as Promise<Reply<T>>;

/** axe's WCAG 2.1 A/AA rules on a screen showing the policy (as tests/e2e/a11y.spec.ts runs them). */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).options({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

let extension: ManagedExtension;
let browser: ExtensionBrowser | null = null;

test.beforeAll(async () => {
  test.skip(!(await canWritePolicies()), `${CHROMIUM_MANAGED_POLICY_DIR} is not writable (run as root): no real policy file can be written`);
  extension = await managedExtensionCopy();
});
test.afterEach(async () => {
  await browser?.dispose();
  browser = null;
});
// Also after a failure: no policy file of ours stays behind for other browsers to read.
test.afterAll(async () => {
  await extension?.dispose();
});

async function launch(policy: Record<string, unknown>, serverPort: number): Promise<{ browser: ExtensionBrowser; popup: PopupPage }> {
  await extension.setPolicy(policy);
  browser = await launchWithExtension({ extensionDir: extension.extensionDir, serverPort });
  expect(browser.extensionId).toBe(extension.extensionId);
  const popup = await new PopupPage(await browser.context.newPage(), browser.extensionId).open();
  return { browser, popup };
}

async function openPage(b: ExtensionBrowser, path: string): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/${path}`);
  return page;
}

test('minimum passphrase length: set-up asks for the policy’s length and the background refuses a shorter one', async ({ server }) => {
  const { popup } = await launch({ minPassphraseLength: 16 }, server.port);
  const page = popup.page;
  await expect(page.getByText('At least 16 characters', { exact: false })).toBeVisible();
  await expect.poll(async () => (await ask<{ minPassphraseLength: number }>(page, 'policy/get', null)).value?.minPassphraseLength).toBe(16);

  await page.getByLabel('Passphrase', { exact: true }).fill('fifteen chars!!');
  await page.getByLabel('Type it again').fill('fifteen chars!!');
  await page.getByRole('button', { name: 'Set up Keyring' }).click();
  await expect(page.getByText('The passphrase must be at least 16 characters long.')).toBeVisible();
  // The popup's check is a courtesy: the background itself refuses.
  expect(await ask(page, 'vault/create', { passphrase: 'fifteen chars!!' })).toMatchObject({ ok: false, error: { code: 'weak_passphrase' } });
  expect((await ask<{ status: string }>(page, 'vault/status', null)).value?.status).toBe('uninitialized');

  await popup.createVault(PASSPHRASE);
});

test('maximum auto-lock clamps the options control and the stored setting; lock on idle is fixed on', async ({ server }) => {
  const { browser: b, popup } = await launch({ maxAutoLockMinutes: 5, forceLockOnIdle: true }, server.port);
  await popup.createVault(PASSPHRASE);
  // The default (15 minutes) is above the maximum.
  expect((await ask<{ autoLockMinutes: number; lockOnIdle: boolean }>(popup.page, 'settings/get', null)).value).toMatchObject({ autoLockMinutes: 5, lockOnIdle: true });

  const options = await openPage(b, 'options.html');
  const select = options.getByLabel('Lock after this long without use');
  await expect(select).toHaveValue('5');
  expect(await select.locator('option').allTextContents()).toEqual(['1 minute', '5 minutes']);
  await expect(options.getByText('Set by your organisation: at most 5 minutes.')).toBeVisible();
  const idle = options.getByRole('checkbox', { name: 'Lock when the computer’s screen locks' });
  await expect(idle).toBeChecked();
  await expect(idle).toBeDisabled();
  await expect(options.getByText('Set by your organisation: always on.')).toBeVisible();
  expect(await axeViolations(options)).toEqual([]);

  // A request around the control is clamped too, and what is stored is the clamped value.
  expect((await ask<{ autoLockMinutes: number }>(options, 'settings/set', { autoLockMinutes: 0, lockOnIdle: false })).value).toMatchObject({ autoLockMinutes: 5, lockOnIdle: true });
  await options.reload();
  await expect(options.getByLabel('Lock after this long without use')).toHaveValue('5');

  // The administrator raises the maximum: the open page follows without a restart or a reload.
  await extension.setPolicy({ maxAutoLockMinutes: 60 });
  await expect(options.getByText('Set by your organisation: at most 60 minutes.')).toBeVisible({ timeout: POLICY_RELOAD_MS });
  await expect(options.getByRole('checkbox', { name: 'Lock when the computer’s screen locks' })).toBeEnabled();
  await options.getByLabel('Lock after this long without use').selectOption({ label: '30 minutes' });
  await expect.poll(async () => (await ask<{ autoLockMinutes: number }>(options, 'settings/get', null)).value?.autoLockMinutes).toBe(30);
});

test('plain export disabled: the backup page shows it off and the background refuses it; import disabled likewise', async ({ server }) => {
  const { browser: b, popup } = await launch({ disablePlainExport: true, disableImport: true }, server.port);
  await popup.createVault(PASSPHRASE);
  await popup.addUri(`otpauth://totp/Bank:alice?secret=${SECRET}&issuer=Bank`);
  await popup.expectAccount('Bank');

  const backup = await openPage(b, 'backup.html');
  await backup.getByLabel('Your Keyring passphrase (to confirm it is you)').fill(PASSPHRASE);
  await backup.getByText('Unencrypted export', { exact: true }).click();
  await expect(backup.getByText('Set by your organisation: unencrypted exports are turned off.')).toBeVisible();
  await expect(backup.getByRole('button', { name: 'Download a list of setup links' })).toBeDisabled();
  await expect(backup.getByRole('button', { name: 'Download plain Aegis file' })).toBeDisabled();
  await expect(backup.getByText('Set by your organisation: importing accounts is turned off.')).toBeVisible();
  await expect(backup.getByLabel('Backup file or screenshot')).toBeDisabled();
  expect(await axeViolations(backup)).toEqual([]);

  for (const format of ['aegis-plain', 'otpauth-list']) {
    const reply = await ask<{ text: string }>(backup, 'backup/export', { format, vaultPassphrase: PASSPHRASE, acknowledgePlain: true });
    expect(reply).toMatchObject({ ok: false, error: { code: 'policy_forbids' } });
    expect(JSON.stringify(reply)).not.toContain(SECRET);
  }
  const file = Buffer.from(`otpauth://totp/Other:bob?secret=${SECRET}&issuer=Other\n`).toString('base64');
  expect(await ask(backup, 'backup/preview', { data: file, fileName: 'codes.txt' })).toMatchObject({ ok: false, error: { code: 'policy_forbids' } });
  // The encrypted export is still there.
  expect(await ask(backup, 'backup/export', { format: 'aegis-encrypted', password: 'backup password', vaultPassphrase: PASSPHRASE })).toMatchObject({ ok: true });
});

test('auto-fill disallowed: no key button on the sign-in page; allowed again by a changed file, without a restart', async ({ server }) => {
  const { browser: b, popup } = await launch({ allowAutoFill: false }, server.port);
  await popup.createVault(PASSPHRASE);
  await popup.addUri(`otpauth://totp/Bank:alice?secret=${SECRET}&issuer=Bank`);
  await popup.expectAccount('Bank');
  const { value } = await ask<{ accounts: { id: string }[] }>(popup.page, 'accounts/list', null);
  const id = value!.accounts[0]!.id;
  expect(await ask(popup.page, 'accounts/update', { id, fields: { sites: ['bank.example'] } })).toMatchObject({ ok: true });

  const page = await b.context.newPage();
  await page.goto('https://bank.example/signin.html');
  // What the content script asks before it places a button: the background says no.
  const world = await openContentWorld(page);
  expect(await world.evaluate<Reply>(`chrome.runtime.sendMessage({ type: 'autofill/probe', payload: null })`)).toMatchObject({ ok: true, value: { fillable: false } });
  expect(await world.evaluate<Reply>(`chrome.runtime.sendMessage({ type: 'autofill/code', payload: {} })`)).toMatchObject({ ok: true, value: { kind: 'none' } });
  await world.detach();
  await expect(page.locator('keyring-fill')).toHaveCount(0);
  expect(await findControls(page, 'button', KEY_BUTTON)).toEqual([]);
  // The popup's "fill into the page" fills nothing either.
  expect(await ask(popup.page, 'autofill/fillActiveTab', { id })).toMatchObject({ ok: true, value: { filled: false } });

  // Allowed again: Chromium picks the changed file up by itself, the background applies it at once.
  await extension.setPolicy({});
  await expect.poll(async () => (await ask<{ fixed: string[] }>(popup.page, 'policy/get', null)).value?.fixed, { timeout: POLICY_RELOAD_MS }).toEqual([]);
  await page.reload();
  expect(await waitForControl(page, 'button', KEY_BUTTON, 15_000)).not.toBeNull();
});

test('a passphrase shorter than a new minimum is replaced at the next unlock before any code shows', async ({ server }) => {
  const { browser: b, popup } = await launch({}, server.port);
  const short = 'nine char';
  await popup.createVault(short);
  await popup.addUri(`otpauth://totp/Bank:alice?secret=${SECRET}&issuer=Bank`);
  await popup.expectAccount('Bank');

  await extension.setPolicy({ minPassphraseLength: 16 });
  await expect.poll(async () => (await ask<{ minPassphraseLength: number }>(popup.page, 'policy/get', null)).value?.minPassphraseLength, { timeout: POLICY_RELOAD_MS }).toBe(16);
  await popup.page.getByRole('button', { name: 'Lock' }).click();
  await popup.expectLocked();
  await popup.unlock(short);

  const form = popup.page.getByTestId('policy-upgrade');
  await expect(form).toBeVisible({ timeout: 15_000 });
  await expect(form.getByText('shorter than the 16 characters')).toBeVisible();
  expect(await axeViolations(popup.page)).toEqual([]);
  await expect(popup.page.getByRole('heading', { name: 'Accounts', exact: true })).toHaveCount(0);
  // Not only hidden: the background refuses the accounts and their codes until the passphrase is changed.
  expect(await ask(popup.page, 'accounts/codes', {})).toMatchObject({ ok: false, error: { code: 'policy_upgrade_needed' } });
  const options = await openPage(b, 'options.html');
  expect(await ask(options, 'accounts/list', null)).toMatchObject({ ok: false, error: { code: 'policy_upgrade_needed' } });

  await form.getByLabel('Current passphrase').fill(short);
  await form.getByLabel('New passphrase', { exact: true }).fill('still short pw');
  await form.getByLabel('New passphrase again').fill('still short pw');
  await form.getByRole('button', { name: 'Strengthen and continue' }).click();
  await expect(form.getByText('at least 16 characters')).toBeVisible();

  await form.getByLabel('New passphrase', { exact: true }).fill(PASSPHRASE);
  await form.getByLabel('New passphrase again').fill(PASSPHRASE);
  await form.getByRole('button', { name: 'Strengthen and continue' }).click();
  await popup.expectUnlocked();
  await popup.expectAccount('Bank');

  await popup.page.getByRole('button', { name: 'Lock' }).click();
  await popup.unlock(PASSPHRASE);
  await popup.expectUnlocked();
});

test('sync required: the popup tells the person to set it up, and the options page offers only the allowed engine at the fixed address', async ({ server }) => {
  const { browser: b, popup } = await launch({ requireSync: true, allowedSyncEngines: ['webdav'], webdavUrl: 'https://dav.clinic.example/keyring/' }, server.port);
  await popup.createVault(PASSPHRASE);
  await expect(popup.page.getByText('Your organisation requires sync.')).toBeVisible();
  await expect(popup.page.getByRole('button', { name: 'Set up sync' })).toBeVisible();

  const options = await openPage(b, 'options.html');
  await expect(options.getByRole('radio', { name: 'Browser sync (Chrome or Firefox account)' })).toBeDisabled();
  await expect(options.getByLabel('WebDAV address (https://)')).toHaveValue('https://dav.clinic.example/keyring/');
  await expect(options.getByText('Set by your organisation: this WebDAV address.')).toBeVisible();
  expect(await ask(options, 'sync/enable', { engine: 'browser', deviceName: 'x' })).toMatchObject({ ok: false, error: { code: 'policy_forbids' } });
  expect(await ask(options, 'sync/enable', { engine: 'webdav', webdav: { url: 'https://elsewhere.example/', user: 'u', password: 'p' }, deviceName: 'x' }))
    .toMatchObject({ ok: false, error: { code: 'policy_forbids' } });
});
