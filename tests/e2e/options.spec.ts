import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { codesAroundNow } from './support/totp-reference';

const OLD = 'correct horse battery staple';
const NEW = 'a new and longer passphrase';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const GITHUB = `otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`;

async function openOptions(popup: PopupPage): Promise<Page> {
  const page = await popup.page.context().newPage();
  await page.goto(popup.page.url().replace(/popup\.html.*$/, 'options.html'));
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  return page;
}

const passphraseForm = (page: Page) => page.getByRole('form', { name: 'Change passphrase' });
const kdfForm = (page: Page) => page.getByRole('form', { name: 'Passphrase protection strength' });

test('change passphrase: mismatch and wrong current are refused; the new one unlocks every account, the old one no longer', async ({ popup }) => {
  await popup.createVault(OLD);
  await popup.addUri(GITHUB);
  await popup.expectAccount('GitHub');
  const options = await openOptions(popup);
  const form = passphraseForm(options);

  await form.getByLabel('Current passphrase').fill(OLD);
  await form.getByLabel('New passphrase', { exact: true }).fill(NEW);
  await form.getByLabel('New passphrase again').fill(`${NEW}!`);
  await form.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(form.getByRole('alert')).toHaveText('The two passphrases differ.');

  await form.getByLabel('Current passphrase').fill('not the passphrase');
  await form.getByLabel('New passphrase again').fill(NEW);
  await form.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(form.getByRole('alert')).toHaveText(/Wrong passphrase/);

  // One wrong try is free (the growing delay starts later), so the right one goes through at once.
  await form.getByLabel('Current passphrase').fill(OLD);
  await form.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(form.getByRole('status')).toHaveText('Passphrase changed.', { timeout: 15_000 });
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(form.getByLabel('Current passphrase')).toHaveValue('');

  await popup.page.bringToFront();
  await popup.page.getByRole('button', { name: 'Lock' }).click();
  await popup.expectLocked();
  await popup.unlock(OLD);
  await expect(popup.alert()).toContainText('Wrong passphrase');
  await popup.unlock(NEW);
  await popup.expectUnlocked();
  await popup.expectAccount('GitHub');
  // Re-wrapping the master key left the account's secret as it was: its code is still right.
  expect(codesAroundNow(SECRET)).toContain((await popup.codeOf('GitHub')).replace(/\s/g, ''));
});

test('settings are saved and kept: auto-lock, idle lock, clipboard, theme; a new KDF strength reports its measured unlock time', async ({ popup }) => {
  await popup.createVault(OLD);
  const options = await openOptions(popup);

  await options.getByLabel('Lock after this long without use').selectOption({ label: '5 minutes' });
  await expect(options.getByText('Saved.')).toBeVisible();
  await options.getByLabel('Lock when the computer’s screen locks').uncheck();
  await options.getByLabel('Clear a copied code from the clipboard after 30 seconds').uncheck();
  await options.getByRole('radio', { name: 'Dark' }).check();
  await expect(options.locator('html')).toHaveAttribute('data-theme', 'dark');

  await options.reload();
  await expect(options.getByLabel('Lock after this long without use')).toHaveValue('5');
  await expect(options.getByLabel('Lock when the computer’s screen locks')).not.toBeChecked();
  await expect(options.getByLabel('Clear a copied code from the clipboard after 30 seconds')).not.toBeChecked();
  await expect(options.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect(options.locator('html')).toHaveAttribute('data-theme', 'dark');

  const kdf = kdfForm(options);
  await expect(kdf.getByText('Now: Standard (recommended).')).toBeVisible();
  await expect(kdf.getByText('Technical: Argon2id, 64 MiB of memory, 3 passes.')).toBeVisible();
  await kdf.getByLabel('Strength').selectOption({ label: 'Light (older computers)' });
  await kdf.getByLabel('Passphrase').fill(OLD);
  await kdf.getByRole('button', { name: 'Apply' }).click();
  await expect(kdf.getByRole('status')).toHaveText(/^Now Light \(older computers\)\. Unlocking takes \d+\.\d\d s on this computer\.$/, { timeout: 20_000 });
  await expect(kdf.getByText('Now: Light (older computers).')).toBeVisible();
  await expect(kdf.getByText('Technical: Argon2id, 19 MiB of memory, 2 passes.')).toBeVisible();

  // The vault still opens with the same passphrase under the new parameters.
  await popup.page.bringToFront();
  await popup.page.reload();
  await popup.page.getByRole('button', { name: 'Lock' }).click();
  await popup.expectLocked();
  await popup.unlock(OLD);
  await popup.expectUnlocked();
});
