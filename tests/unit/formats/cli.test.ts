import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { makeDraft } from '@/lib/otp/account';
import { encodeMigrationLink } from '@/lib/otp/migration';
import { parseOtpauthUri } from '@/lib/otp/uri';
import { GOOGLE_ACCOUNTS, googleAuthenticatorDb, stratumDb } from './app-databases';
import { essentials, FIXTURES, reference } from './helpers';
import { keepassFile, REFERENCE_ENTRIES } from './keepass-files';

const ROOT = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'backup-cli-'));

function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const plainLinks = readFileSync(resolve(FIXTURES, 'plain.txt'), 'utf8').split('\n').filter((l) => l.startsWith('otpauth://'));

/** A phone-sized screenshot: a status bar, text-like blocks, and the export QR code in the middle. */
async function phoneScreenshot(text: string): Promise<PNG> {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'L' });
  const png = new PNG({ width: 1080, height: 2340 });
  const set = (x: number, y: number, v: number) => {
    const i = (y * png.width + x) * 4;
    png.data[i] = png.data[i + 1] = png.data[i + 2] = v;
    png.data[i + 3] = 255;
  };
  for (let y = 0; y < png.height; y++) for (let x = 0; x < png.width; x++) set(x, y, y < 90 ? 30 : 250);
  for (let line = 0; line < 8; line++) for (let y = 200 + line * 60; y < 230 + line * 60; y++) for (let x = 80; x < 900 - line * 50; x++) set(x, y, 90);
  const scale = 18;
  const size = qr.modules.size;
  const left = Math.floor((1080 - size * scale) / 2);
  const top = 900;
  for (let my = 0; my < size; my++)
    for (let mx = 0; mx < size; mx++)
      if (qr.modules.get(mx, my)) for (let y = 0; y < scale; y++) for (let x = 0; x < scale; x++) set(left + mx * scale + x, top + my * scale + y, 0);
  return png;
}

/** The accounts of printed links, for comparing with plain.txt whatever the parameter order. */
const accountsOf = (stdout: string) => stdout.trim().split('\n').map((line) => essentials(parseOtpauthUri(line)));

describe('npm run backup', () => {
  it('read of a plain Aegis file prints exactly the accounts of plain.txt, one link per line', () => {
    const result = cli(['read', join(FIXTURES, 'aegis_plain.json')]);
    expect(result.status).toBe(0);
    expect(accountsOf(result.stdout)).toEqual(accountsOf(plainLinks.join('\n')));
    expect(result.stderr).toMatch(/^Aegis vault \(content version 1\), not encrypted: 7 account\(s\)/);
  });

  it('read names skipped entries on stderr and still prints the others', () => {
    const file = join(dir, 'links.txt');
    writeFileSync(file, `${plainLinks[0]}\notpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=3\n`);
    const result = cli(['read', '--password', 'unused', file]);
    expect(result.status).toBe(0);
    expect(accountsOf(result.stdout)).toEqual(accountsOf(plainLinks[0]!));
    expect(result.stderr).toMatch(/skipped Line 2: Digits must be a whole number from 5 to 10, not 3\./);
  });

  it('write refuses a bad link on stdin, naming its line, and writes nothing', () => {
    const out = join(dir, 'never.json');
    const result = cli(['write', '--out', out, '--password', 'long password'], `${plainLinks[0]}\nnot a link\n`);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Line 2: This is not an otpauth:\/\/, steam:\/\/ or otpauth-migration:\/\/ link \(it starts with “not a link”\)\./);
    expect(() => readFileSync(out)).toThrow();
  });

  it('read prints the accounts of a backup as otpauth:// links', () => {
    const result = cli(['read', join(FIXTURES, 'aegis_encrypted.json'), '--password', 'test']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(plainLinks.length);
    expect(result.stdout).toContain('otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ');
  });

  it('read fails with exit 1 and the specific reason', () => {
    const missing = cli(['read', join(FIXTURES, 'aegis_encrypted.json')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/encrypted: enter its password\. Pass it with --password/);
    const wrong = cli(['read', join(FIXTURES, '2fas_authenticator_encrypted_v4.2fas'), '--password', 'nope']);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/Wrong password for this 2FAS backup/);
  });

  it('write makes an encrypted backup that read opens again', () => {
    const out = join(dir, 'backup.json');
    const written = cli(['write', '--out', out, '--password', 'long password'], plainLinks.join('\n'));
    expect(written.status).toBe(0);
    const back = cli(['read', out, '--password', 'long password']);
    expect(back.status).toBe(0);
    expect(accountsOf(back.stdout)).toEqual(accountsOf(plainLinks.join('\n')));
    expect(readFileSync(out, 'utf8')).not.toContain('4SJHB4GSD43FZBAI7C2HLRJGPQ');
    const wrong = cli(['read', out, '--password', 'not the password']);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/Wrong password/);
  });

  it('reads a phone screenshot (PNG and JPEG) of a Google Authenticator export QR code', async () => {
    const accounts = reference(['Deno', 'Issuu']).map((a) => makeDraft(a));
    const png = await phoneScreenshot(encodeMigrationLink(accounts));
    writeFileSync(join(dir, 'shot.png'), PNG.sync.write(png));
    writeFileSync(join(dir, 'shot.jpg'), jpeg.encode({ data: png.data, width: png.width, height: png.height }, 85).data);
    for (const file of ['shot.png', 'shot.jpg']) {
      const result = cli(['read', join(dir, file)]);
      expect(result.stderr).toMatch(/2 account/);
      expect(result.stdout).toContain('secret=4SJHB4GSD43FZBAI7C2HLRJGPQ');
      expect(result.stdout).toContain('otpauth://hotp/Issuu:James');
    }
  });

  it('an image whose QR code is not an account says so', async () => {
    writeFileSync(join(dir, 'url.png'), await QRCode.toBuffer('https://example.com/menu', { width: 300 }));
    const result = cli(['read', join(dir, 'url.png')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/not a two-factor account/);
  });

  it('reads apps’ SQLite databases (Google Authenticator, Stratum) as the backup page does', async () => {
    writeFileSync(join(dir, 'databases'), await googleAuthenticatorDb());
    writeFileSync(join(dir, 'authenticator.db3'), await stratumDb());
    const google = cli(['read', join(dir, 'databases')]);
    expect([google.status, google.stderr.trim()]).toEqual([0, `Google Authenticator database: ${GOOGLE_ACCOUNTS.length} account(s)`]);
    expect(accountsOf(google.stdout)).toEqual(GOOGLE_ACCOUNTS.map(essentials));
    const stratum = cli(['read', join(dir, 'authenticator.db3')]);
    expect([stratum.status, stratum.stderr.trim()]).toEqual([0, 'Stratum database: 7 account(s)']);
    expect(accountsOf(stratum.stdout)).toEqual(accountsOf(plainLinks.join('\n')));
  });

  it('reads a KeePass database with --password, and says when it needs one', async () => {
    writeFileSync(join(dir, 'Passwords.kdbx'), await keepassFile('keepass password', REFERENCE_ENTRIES, { version: 4 }));
    const locked = cli(['read', join(dir, 'Passwords.kdbx')]);
    expect([locked.status, locked.stderr.trim()]).toEqual([1, 'This KeePass database is encrypted: enter its master password. Pass it with --password.']);
    const result = cli(['read', join(dir, 'Passwords.kdbx'), '--password', 'keepass password']);
    expect([result.status, result.stderr.trim()]).toEqual([0, 'KeePass database (KDBX 4): 7 account(s)']);
    // Group by group (entries in a subgroup come after the top group's), so compared in any order.
    expect(accountsOf(result.stdout)).toEqual(expect.arrayContaining(accountsOf(plainLinks.join('\n'))));
    expect(accountsOf(result.stdout)).toHaveLength(plainLinks.length);
  });

  it('reads Authenticator Plus’s encrypted ZIP with --password', () => {
    const result = cli(['read', join(FIXTURES, 'authenticator_plus.zip'), '--password', 'testtesttest']);
    expect([result.status, result.stderr.trim()]).toEqual([0, 'Authenticator Plus backup, from a ZIP archive, encrypted: 7 account(s)']);
    expect(accountsOf(result.stdout)).toEqual(accountsOf(plainLinks.join('\n')));
  });

  it('an encrypted ZIP without --password, or with a wrong one, says which', () => {
    const file = join(FIXTURES, 'authenticator_plus.zip');
    const locked = cli(['read', file]);
    expect([locked.status, locked.stderr.trim()]).toEqual([1, 'This Authenticator Plus backup is an encrypted ZIP archive: enter its password. Pass it with --password.']);
    const wrong = cli(['read', file, '--password', 'not it']);
    expect([wrong.status, wrong.stderr.trim()]).toEqual([1, 'Wrong password for this Authenticator Plus backup (or the ZIP archive is damaged).']);
  });

  it.each([
    [['winauth.txt'], 'WinAuth export: 3 account(s)', ['Deno', 'Issuu', 'Boeing']],
    [['winauth.zip', '--password', 'winauth-test'], 'WinAuth export, from a ZIP archive, encrypted: 3 account(s)', ['Deno', 'Issuu', 'Boeing']],
    [['1password.1pux'], '1Password export (1PUX), version 3: 3 account(s)\nskipped Entry 4 (“Personal / Old forum”): It is archived in 1Password: restore it there and export again to import it.', ['Deno', 'SPDX', 'Airbnb']],
    [['proton_pass.zip'], 'Proton Pass export, version 1.27.2: 3 account(s)\nskipped Entry 4 (“Personal / Old forum”): It is in Proton Pass’s trash: restore it there and export again to import it.', ['Deno', 'SPDX', 'Airbnb']],
    [['proton_pass_data.json'], 'Proton Pass export, version 1.27.2: 3 account(s)\nskipped Entry 4 (“Personal / Old forum”): It is in Proton Pass’s trash: restore it there and export again to import it.', ['Deno', 'SPDX', 'Airbnb']],
    [['proton_pass.csv'], 'Proton Pass export (CSV): 2 account(s)', ['Deno', 'Airbnb']],
  ])('reads %j (WinAuth, 1Password, Proton Pass)', ([name, ...options], stderr, issuers) => {
    const result = cli(['read', join(FIXTURES, name!), ...options]);
    expect([result.status, result.stderr.trim()]).toEqual([0, stderr]);
    expect(accountsOf(result.stdout)).toEqual(reference(issuers));
  });

  it('names the PGP-encrypted Proton Pass export and says what to export instead', () => {
    const pgp = cli(['read', join(FIXTURES, 'proton_pass.pgp'), '--password', 'proton-test']);
    expect(pgp.status).toBe(1);
    expect(pgp.stderr).toMatch(/^This is an OpenPGP-encrypted message .*unencrypted ZIP/);
  });
});
