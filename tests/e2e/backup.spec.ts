import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import initSqlJs from 'sql.js';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { launchWithExtension } from './support/browser';
import { codesAroundNow } from './support/totp-reference';
import { bitwardenProtectedExport, enteEncrypted } from '../unit/formats/encrypted-exports';
import { keepassFile } from '../unit/formats/keepass-files';

const PASSPHRASE = 'correct horse battery staple';
const BACKUP_PASSWORD = 'backup password 42';
const FIXTURES = resolve(import.meta.dirname, '../fixtures/import');

const ACCOUNTS = [
  { issuer: 'GitHub', name: 'alice', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' },
  { issuer: 'Clinic Portal', name: 'dr.bob', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' },
  { issuer: 'Help Desk', name: 'carol', secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U' },
];

async function openBackupPage(page: Page, extensionId: string): Promise<Page> {
  await page.goto(`chrome-extension://${extensionId}/backup.html`);
  await expect(page.getByRole('heading', { name: 'Backup and import' })).toBeVisible();
  return page;
}

async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.getByLabel('Backup file or screenshot').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
}

/** Types the chosen file's own password and opens it (the preview, or the error, follows). */
async function openWithPassword(page: Page, password: string): Promise<void> {
  await page.getByLabel('Password of this backup').fill(password);
  await page.getByRole('button', { name: 'Open' }).click();
}

/** Imports every new account of the preview and waits for the page to say how many were added. */
async function importAll(page: Page, count: number): Promise<void> {
  const accounts = count === 1 ? 'account' : 'accounts';
  await page.getByRole('button', { name: `Import ${count} ${accounts}` }).click();
  await expect(page.getByRole('status')).toContainText(`Added ${count} ${accounts}.`);
}

test('export an encrypted backup, restore it into an empty vault, and every code matches', async ({ popup, browserWithExtension, server }) => {
  await popup.createVault(PASSPHRASE);
  for (const account of ACCOUNTS) await popup.addManual(account);
  await expect(popup.account('Help Desk')).toBeVisible();

  const backup = await openBackupPage(await browserWithExtension.context.newPage(), browserWithExtension.extensionId);
  await backup.getByLabel('Your Keyring passphrase (to confirm it is you)').fill(PASSPHRASE);
  await backup.getByLabel('Backup password', { exact: true }).fill(BACKUP_PASSWORD);
  await backup.getByLabel('Backup password, again').fill(BACKUP_PASSWORD);
  const downloading = backup.waitForEvent('download');
  await backup.getByRole('button', { name: 'Download encrypted backup' }).click();
  const file = await readFile((await (await downloading).path())!);
  for (const account of ACCOUNTS) expect(file.includes(Buffer.from(account.secret))).toBe(false);

  // A new browser profile is an empty vault: the person restores the file there.
  const fresh = await launchWithExtension({ serverPort: server.port });
  try {
    const freshPopup = await new PopupPage(await fresh.context.newPage(), fresh.extensionId).open();
    await freshPopup.createVault('another passphrase 99');
    const restore = await openBackupPage(await fresh.context.newPage(), fresh.extensionId);
    await chooseFile(restore, 'backup.json', file);
    await expect(restore.getByRole('alert')).toContainText('encrypted');
    await openWithPassword(restore, 'wrong password!');
    await expect(restore.getByRole('alert')).toContainText(/wrong password/i);
    await openWithPassword(restore, BACKUP_PASSWORD);
    await importAll(restore, 3);

    await freshPopup.open();
    for (const account of ACCOUNTS) {
      await expect(freshPopup.account(account.issuer)).toBeVisible();
      expect(codesAroundNow(account.secret)).toContain(await freshPopup.codeOf(account.issuer));
    }
  } finally {
    await fresh.dispose();
  }
});

test('imports a real Aegis export, marks duplicates and skips them by default', async ({ popup, browserWithExtension }) => {
  await popup.createVault(PASSPHRASE);
  const reference = (await readFile(resolve(FIXTURES, 'plain.txt'), 'utf8')).split('\n').filter((l) => l.startsWith('otpauth://'));
  await popup.addUri(reference[0]!);
  const backup = await openBackupPage(await browserWithExtension.context.newPage(), browserWithExtension.extensionId);
  await chooseFile(backup, 'aegis.json', await readFile(resolve(FIXTURES, 'aegis_plain.json')));
  await expect(backup.getByText(/already in Keyring/).first()).toBeVisible();
  const importButton = backup.getByRole('button', { name: /^Import \d+ account/ });
  await expect(importButton).toHaveText(`Import ${reference.length - 1} accounts`);
  await importButton.click();
  await expect(backup.getByRole('status')).toContainText(`Added ${reference.length - 1} accounts.`);
  await popup.open();
  await expect(popup.page.getByRole('listitem')).toHaveCount(reference.length);
});

test('an unknown file is refused with what it looks like, and nothing is added', async ({ popup, browserWithExtension }) => {
  await popup.createVault(PASSPHRASE);
  const backup = await openBackupPage(await browserWithExtension.context.newPage(), browserWithExtension.extensionId);
  await chooseFile(backup, 'notes.json', Buffer.from(JSON.stringify({ hello: 'world', list: [1, 2] })));
  await expect(backup.getByRole('alert')).toContainText(/JSON/);
  await expect(backup.getByRole('button', { name: /^Import/ })).toHaveCount(0);
});

test('a screenshot of a QR code imports its accounts; an image without one says so and adds nothing', async ({ popup, browserWithExtension }) => {
  await popup.createVault(PASSPHRASE);
  const backup = await openBackupPage(await browserWithExtension.context.newPage(), browserWithExtension.extensionId);
  const [github] = ACCOUNTS;
  const link = `otpauth://totp/${github!.issuer}:${github!.name}?secret=${github!.secret}&issuer=${github!.issuer}`;
  // A phone-sized screenshot with the code in it, not a bare QR image.
  const qr = PNG.sync.read(await QRCode.toBuffer(link, { width: 360 }));
  const shot = new PNG({ width: 1080, height: 1920 });
  shot.data.fill(0xf2);
  PNG.bitblt(qr, shot, 0, 0, qr.width, qr.height, 360, 700);
  await chooseFile(backup, 'screenshot.png', PNG.sync.write(shot));
  const importButton = backup.getByRole('button', { name: /^Import \d+ account/ });
  await expect(importButton).toHaveText('Import 1 account');
  await importButton.click();
  await expect(backup.getByRole('status')).toContainText('Added 1 account.');

  const blank = new PNG({ width: 400, height: 400 });
  blank.data.fill(0xff);
  await chooseFile(backup, 'blank.png', PNG.sync.write(blank));
  await expect(backup.getByRole('alert')).toHaveText('No QR code was found in this image.');
  await expect(backup.getByRole('button', { name: /^Import/ })).toHaveCount(0);
  await popup.open();
  await expect(popup.page.getByRole('listitem')).toHaveCount(1);
  expect(codesAroundNow(github!.secret)).toContain(await popup.codeOf(github!.issuer));
});

// The importer runs in the background service worker: these prove libsodium (Ente) and hash-wasm's Argon2id
// (Bitwarden) load there under the extension's MV3 content security policy, not only in Node.
test('an encrypted Ente Auth export and a password-protected Bitwarden export import with their passwords', async ({ popup, browserWithExtension }) => {
  await popup.createVault(PASSPHRASE);
  const reference = (await readFile(resolve(FIXTURES, 'plain.txt'), 'utf8')).split('\n').filter((l) => l.startsWith('otpauth://'));
  const ente = await enteEncrypted(await readFile(resolve(FIXTURES, 'ente_auth.txt'), 'utf8'), BACKUP_PASSWORD);
  const bitwardenPlain = JSON.parse(await readFile(resolve(FIXTURES, 'bitwarden.json'), 'utf8')) as unknown;
  const bitwarden = await bitwardenProtectedExport(bitwardenPlain, BACKUP_PASSWORD, { kdfType: 1, kdfIterations: 3, kdfMemory: 64, kdfParallelism: 4 });
  const backup = await openBackupPage(await browserWithExtension.context.newPage(), browserWithExtension.extensionId);

  await chooseFile(backup, 'ente-auth-codes.txt', Buffer.from(ente));
  await expect(backup.getByRole('alert')).toContainText('encrypted');
  await openWithPassword(backup, 'not the password');
  await expect(backup.getByRole('alert')).toContainText(/wrong password/i);
  await openWithPassword(backup, BACKUP_PASSWORD);
  await importAll(backup, reference.length);

  // Bitwarden's sample holds three of those accounts (recognised as already in the vault) and a Steam item that
  // Bitwarden names after the item ("Test Steam"), so it is not the Ente entry "Boeing: Sophia".
  await chooseFile(backup, 'bitwarden_encrypted_export.json', Buffer.from(JSON.stringify(bitwarden)));
  await expect(backup.getByRole('alert')).toContainText('encrypted');
  await openWithPassword(backup, BACKUP_PASSWORD);
  await expect(backup.getByText('Bitwarden export (JSON), encrypted file. 1 new account. 3 already in Keyring.')).toBeVisible();
  await importAll(backup, 1);

  await popup.open();
  await expect(popup.page.getByRole('listitem')).toHaveCount(reference.length + 1);
});

// The backup page opens an app's SQLite database with sql.js (WebAssembly, packaged with the extension) and sends the
// importers its accounts table: this proves the .wasm loads there under the extension's CSP.
test('Google Authenticator’s database imports through the backup page', async ({ popup, browserWithExtension }) => {
  await popup.createVault(PASSPHRASE);
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  // The `accounts` table of Google Authenticator's `databases` file (columns as Aegis's GoogleAuthImporter reads).
  db.run('CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT NOT NULL, secret TEXT NOT NULL, counter INTEGER DEFAULT 0, type INTEGER, provider INTEGER DEFAULT 0, issuer TEXT DEFAULT NULL, original_name TEXT DEFAULT NULL)');
  for (const account of ACCOUNTS) db.run('INSERT INTO accounts (email, secret, type, issuer) VALUES (?, ?, 0, ?)', [`${account.issuer}:${account.name}`, account.secret.toLowerCase(), account.issuer]);
  const file = Buffer.from(db.export());
  db.close();

  const backup = await openBackupPage(await browserWithExtension.context.newPage(), browserWithExtension.extensionId);
  await chooseFile(backup, 'databases', file);
  await expect(backup.getByText('Google Authenticator database file. 3 new accounts.')).toBeVisible();
  await importAll(backup, 3);
  await popup.open();
  for (const account of ACCOUNTS) expect(codesAroundNow(account.secret)).toContain(await popup.codeOf(account.issuer));
});

// kdbxweb runs in the background service worker (no DOMParser there: it brings its own XML parser), with Argon2id
// from hash-wasm: a KeePassXC-style KDBX 4 database imports with its master password.
test('a KeePass KDBX 4 database (Argon2id) imports its accounts with the master password', async ({ popup, browserWithExtension }) => {
  await popup.createVault(PASSPHRASE);
  const entries = [
    ...ACCOUNTS.map((a) => ({ title: a.issuer, user: a.name, fields: { otp: `otpauth://totp/${encodeURIComponent(a.issuer)}:${a.name}?secret=${a.secret}&issuer=${encodeURIComponent(a.issuer)}` } })),
    { title: 'Bank', user: 'carol', fields: { URL: 'https://bank.example' } },
  ];
  const file = await keepassFile(BACKUP_PASSWORD, entries, { version: 4, argon2: { memoryKiB: 64 * 1024, iterations: 2 } });
  const backup = await openBackupPage(await browserWithExtension.context.newPage(), browserWithExtension.extensionId);
  await chooseFile(backup, 'Passwords.kdbx', Buffer.from(file));
  await expect(backup.getByRole('alert')).toContainText('encrypted');
  await openWithPassword(backup, 'not the password');
  await expect(backup.getByRole('alert')).toContainText(/wrong password/i);
  await openWithPassword(backup, BACKUP_PASSWORD);
  await expect(backup.getByText('KeePass database (KDBX 4) file. 3 new accounts.')).toBeVisible();
  await importAll(backup, 3);
  await popup.open();
  for (const account of ACCOUNTS) expect(codesAroundNow(account.secret)).toContain(await popup.codeOf(account.issuer));
});

// The backup page opens ZIP archives with zip.js (never loaded in the background) and sends the importers the text
// files they read: an Authenticator Plus backup (ZipCrypto, its password) and a 1Password .1pux import through it.
test('an Authenticator Plus encrypted ZIP and a 1Password .1pux import through the backup page', async ({ popup, browserWithExtension }) => {
  await popup.createVault(PASSPHRASE);
  const reference = (await readFile(resolve(FIXTURES, 'plain.txt'), 'utf8')).split('\n').filter((l) => l.startsWith('otpauth://'));
  const backup = await openBackupPage(await browserWithExtension.context.newPage(), browserWithExtension.extensionId);
  await chooseFile(backup, 'AuthenticatorPlus.zip', await readFile(resolve(FIXTURES, 'authenticator_plus.zip')));
  await expect(backup.getByRole('alert')).toContainText('This backup is encrypted: enter its password.');
  await openWithPassword(backup, 'not the password');
  await expect(backup.getByRole('alert')).toContainText('Wrong password for this backup.');
  await openWithPassword(backup, 'testtesttest');
  await expect(backup.getByText(`Authenticator Plus backup, from a ZIP archive, encrypted file. ${reference.length} new accounts.`)).toBeVisible();
  await importAll(backup, reference.length);

  // The .1pux holds three of those accounts: recognised as already in the vault; its archived item is named.
  await chooseFile(backup, '1password.1pux', await readFile(resolve(FIXTURES, '1password.1pux')));
  await expect(backup.getByText('1Password export (1PUX), version 3 file.')).toBeVisible();
  await expect(backup.getByText(/3 already in Keyring/)).toBeVisible();
  await expect(backup.getByText('Entry 4 (“Personal / Old forum”): It is archived in 1Password: restore it there and export again to import it.')).toBeVisible();

  await popup.open();
  await expect(popup.page.getByRole('listitem')).toHaveCount(reference.length);
  expect(codesAroundNow('4SJHB4GSD43FZBAI7C2HLRJGPQ')).toContain(await popup.codeOf('Deno'));
});
