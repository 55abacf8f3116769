import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { launchWithExtension, makeProfileDir } from './support/browser';
import { PopupPage } from './pages/popup';

/** Automatic backups through the real downloads API of Chromium, then "Check a backup" on the real file. */

declare const chrome: {
  downloads: { search(query: object): Promise<{ id: number; filename: string; exists: boolean; state: string }[]> };
};

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

async function backupFiles(page: Page): Promise<string[]> {
  const items = await page.evaluate(() => chrome.downloads.search({ filenameRegex: 'keyring-backup-', exists: true, state: 'complete' }));
  return items.map((i) => i.filename).filter((f) => f.includes('/Keyring backups/')).sort();
}

test('automatic backups land in "Keyring backups/", only the last N are kept, and a backup checks against the vault', async () => {
  test.setTimeout(120_000);
  // Chromium's own download handling into a folder of the test's: the profile's download preference,
  // and Playwright's interception (random names in its own folder) turned back to the browser default.
  const downloadDir = await mkdtemp(join(tmpdir(), 'keyring-downloads-'));
  const userDataDir = await makeProfileDir();
  await mkdir(join(userDataDir, 'Default'), { recursive: true });
  await writeFile(join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ download: { default_directory: downloadDir, prompt_for_download: false } }));
  const browser = await launchWithExtension({ userDataDir });
  try {
  const popup = await new PopupPage(await browser.context.newPage(), browser.extensionId).open();
  await popup.createVault('a passphrase for backups');
  await popup.addUri(`otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`);
  await popup.expectAccount('GitHub');

  const options = await popup.page.context().newPage();
  const cdp = await popup.page.context().newCDPSession(options);
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
  await options.goto(popup.page.url().replace(/popup\.html.*$/, 'options.html'));
  const form = options.getByRole('form', { name: 'Automatic backups' });
  await form.getByLabel('Backups to keep').fill('2');
  await form.getByLabel('Backup password (needed to open a backup)').fill('backup password 1');
  await form.getByLabel('Backup password again').fill('backup password 1');
  await form.getByRole('button', { name: 'Turn on automatic backups' }).click();
  await expect(form.getByRole('status')).toContainText('Last backup');
  await expect.poll(() => backupFiles(options)).toHaveLength(1);

  for (const expected of [2, 2]) {
    const before = await backupFiles(options);
    await form.getByRole('button', { name: 'Back up now' }).click();
    await expect.poll(async () => (await backupFiles(options)).join('\n')).not.toBe(before.join('\n'));
    expect(await backupFiles(options)).toHaveLength(expected);
  }
  const files = await backupFiles(options);
  for (const f of files) expect(existsSync(f)).toBe(true);
  expect(await readdir(join(downloadDir, 'Keyring backups'))).toHaveLength(2);

  // The popup's reminder is gone: backups are on.
  await popup.open();
  await expect(popup.page.getByTestId('sync-status')).toHaveCount(0);

  // Check the newest backup against the vault, then again after another account is added.
  await popup.addUri(`otpauth://totp/Mail:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Mail`);
  await popup.expectAccount('Mail');
  const backupPage = await popup.page.context().newPage();
  await backupPage.goto(popup.page.url().replace(/popup\.html.*$/, 'backup.html'));
  const section = backupPage.getByRole('region', { name: 'Check a backup' });
  await section.getByLabel('Backup file to check').setInputFiles(files[files.length - 1]!);
  await section.getByLabel('Password of this backup').fill('backup password 1');
  await section.getByRole('button', { name: 'Check', exact: true }).click();
  const result = section.getByRole('status', { name: 'Backup check' });
  await expect(result).toContainText('The backup has 1 accounts; your vault has 2.');
  await expect(result).toContainText('1 in your vault but not in this backup');
  await expect(result).toContainText('Mail (bob)');
  } finally {
    await browser.dispose();
  }
});
