import { describe, expect, it } from 'vitest';
import { detectFormat, importBackup } from '@/lib/formats';
import { zipDump } from '@/lib/formats/zip';
import { appError, expectSameAccounts, fixture, reference } from './helpers';
import { storedZip, zipFixture } from './zip-files';

/**
 * ZIP archives, read from the dump the backup page makes (zip.ts). Samples: tests/fixtures/import/SOURCE.md —
 * authenticator_plus.zip made with Info-ZIP `zip -e` (ZipCrypto, deflate, data descriptor: the same header flags
 * as Aegis's Authenticator Plus test archive), authenticator_plus_aes.zip with 7-Zip (WinZip AES-256).
 */
describe('Authenticator Plus backup (password-encrypted ZIP holding Accounts.txt)', () => {
  it('the sample is a ZipCrypto archive as Authenticator Plus writes it: encrypted, deflated, no WinZip AES field', () => {
    const bytes = fixture('authenticator_plus.zip');
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(6, true) & 0x1).toBe(1); // encrypted
    expect(view.getUint16(8, true)).toBe(8); // deflate, not 99 (AES)
  });

  it('with its password gives exactly the reference accounts, Steam included', async () => {
    const bytes = await zipFixture('authenticator_plus.zip', 'testtesttest');
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'zip' }, kind: 'plain' });
    const result = await importBackup({ bytes }, 'testtesttest');
    expect(result.format).toEqual({ id: 'authenticator-plus', encrypted: true, zip: true });
    expect(result.skipped).toEqual([]);
    expectSameAccounts(result.accounts, reference());
  });

  it('a WinZip AES-256 archive (7-Zip) of the same file reads the same', async () => {
    const result = await importBackup({ bytes: await zipFixture('authenticator_plus_aes.zip', 'testtesttest') }, 'testtesttest');
    expectSameAccounts(result.accounts, reference());
  });

  it('without a password asks for it, naming the app; detection says encrypted', async () => {
    const bytes = await zipFixture('authenticator_plus.zip');
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'zip' }, kind: 'encrypted' });
    const error = await appError(importBackup({ bytes }));
    expect(error.code).toBe('password_required');
    expect(error.message).toBe('This Authenticator Plus backup is an encrypted ZIP archive: enter its password.');
  });

  it.each(['authenticator_plus.zip', 'authenticator_plus_aes.zip'])('%s: a wrong password says wrong password', async (name) => {
    const error = await appError(importBackup({ bytes: await zipFixture(name, 'wrong password') }, 'wrong password'));
    expect(error.code).toBe('wrong_passphrase');
    expect(error.message).toBe('Wrong password for this Authenticator Plus backup (or the ZIP archive is damaged).');
  });

  it('a changed byte in the sealed data is refused as wrong password or damaged, never read as accounts', async () => {
    const bytes = fixture('authenticator_plus_aes.zip').slice();
    bytes[80] = bytes[80]! ^ 0xff; // inside Accounts.txt's encrypted data (AES: the HMAC fails)
    const error = await appError(importBackup({ bytes: await zipDump(bytes, 'testtesttest') }, 'testtesttest'));
    expect(error.code).toBe('wrong_passphrase');
  });
});

describe('any ZIP archive', () => {
  it('a truncated archive says its list of files is damaged', async () => {
    const bytes = fixture('authenticator_plus.zip').slice(0, 300);
    const error = await appError(zipDump(bytes, 'testtesttest'));
    expect(error.code).toBe('damaged_backup');
    expect(error.message).toBe('This ZIP archive is damaged: its list of files (the central directory) cannot be read.');
  });

  it('a damaged file inside an unencrypted archive is named', async () => {
    const bytes = storedZip({ 'export.data': '{"accounts": []}', 'export.attributes': '{"version":3}' });
    const changed = bytes.slice();
    changed[30 + 'export.data'.length + 3] = 0x21; // the stored data no longer matches its CRC-32
    const error = await appError(zipDump(changed));
    expect(error.code).toBe('damaged_backup');
    expect(error.message).toMatch(/^The file “export\.data” in this ZIP archive is damaged \(/);
  });

  it('an archive holding no export we know lists what it holds', async () => {
    const bytes = await zipDump(storedZip({ 'photo.jpg': 'x', 'notes/readme.md': 'y' }));
    const error = await appError(importBackup({ bytes }));
    expect(error.code).toBe('unknown_format');
    expect(error.message).toBe('This ZIP archive holds no export we know (it holds “photo.jpg”, “notes/readme.md”).');
  });

  it('one text file of plain otpauth:// links is read as a link list', async () => {
    const result = await importBackup({ bytes: await zipDump(storedZip({ 'codes.txt': new TextDecoder().decode(fixture('plain.txt')) })) });
    expect(result.format).toEqual({ id: 'otpauth-list', zip: true });
    expectSameAccounts(result.accounts, reference());
  });

  it('the archive itself, not unpacked by the page or the CLI, is refused with where to open it', async () => {
    const error = await appError(importBackup({ bytes: fixture('authenticator_plus.zip') }, 'testtesttest'));
    expect(error.code).toBe('unsupported_format');
    expect(error.message).toMatch(/backup page or the CLI/);
  });
});
