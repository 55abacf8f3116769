import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { describeUnknown, detectFormat, importBackup, IMPORTERS, jsonDepth } from '@/lib/formats';
import { zipDump } from '@/lib/formats/zip';
import { appError, fixture } from './helpers';
import { readImportFile } from '@/lib/formats/read';

const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

describe('format detection from the content', () => {
  it.each([
    ['plain.txt', 'otpauth-list', 'plain'],
    ['aegis_plain.json', 'aegis', 'plain'],
    ['aegis_encrypted.json', 'aegis', 'encrypted'],
    ['2fas_authenticator_plain_v4.2fas', '2fas', 'plain'],
    ['2fas_authenticator_encrypted_v4.2fas', '2fas', 'encrypted'],
    ['andotp_plain.json', 'andotp', 'plain'],
    ['andotp_encrypted.bin', 'andotp', 'encrypted'],
    ['bitwarden.json', 'bitwarden', 'plain'],
    ['ente_auth.txt', 'ente', 'plain'],
    ['proton_authenticator.json', 'proton', 'plain'],
    ['freeotp_plus.json', 'freeotp', 'plain'],
    ['winauth.txt', 'winauth', 'plain'],
    ['proton_pass_data.json', 'proton-pass', 'plain'],
    ['proton_pass.pgp', 'pgp-message', 'plain'],
    ['proton_pass.csv', 'proton-pass', 'plain'],
  ])('%s is detected as %s (%s), whatever its file name', (file, id, kind) => {
    const found = detectFormat({ bytes: fixture(file), fileName: 'backup.txt' });
    expect(found?.importer.id).toBe(id);
    expect(found?.kind).toBe(kind);
  });

  it('every sample is claimed by one specific importer; only Ente’s link list is also a generic link list', () => {
    const cases: [string, string][] = [
      ['plain.txt', 'otpauth-list'],
      ['aegis_plain.json', 'aegis'],
      ['aegis_encrypted.json', 'aegis'],
      ['2fas_authenticator_plain_v4.2fas', '2fas'],
      ['andotp_plain.json', 'andotp'],
      ['bitwarden.json', 'bitwarden'],
      ['ente_auth.txt', 'ente'],
      ['proton_authenticator.json', 'proton'],
      ['freeotp_plus.json', 'freeotp'],
      ['winauth.txt', 'winauth'],
      ['proton_pass_data.json', 'proton-pass'],
      ['proton_pass.pgp', 'pgp-message'],
      ['proton_pass.csv', 'proton-pass'],
    ];
    for (const [file, id] of cases) {
      const claims = IMPORTERS.filter((importer) => importer.detect(readImportFile({ bytes: fixture(file) })) !== 'no').map((i) => i.id);
      // WinAuth's export is also a list of otpauth:// links; its importer comes first and fixes its quirks.
      expect(claims, file).toEqual(id === 'ente' ? ['ente', 'otpauth-list'] : id === 'winauth' ? ['winauth', 'otpauth-list'] : [id]);
    }
  });

  it.each([
    ['authenticator_plus.zip', 'testtesttest', 'plain'],
    ['authenticator_plus.zip', undefined, 'encrypted'],
    ['winauth.zip', undefined, 'encrypted'],
    ['1password.1pux', undefined, 'plain'],
    ['proton_pass.zip', undefined, 'plain'],
    ['proton_pass_encrypted.zip', undefined, 'plain'],
  ])('the dump the backup page makes of %s (password %s) is claimed by the ZIP importer alone (%s)', async (file, password, kind) => {
    const bytes = await zipDump(fixture(file), password);
    expect(IMPORTERS.filter((importer) => importer.detect(readImportFile({ bytes })) !== 'no').map((i) => i.id)).toEqual(['zip']);
    expect(detectFormat({ bytes })?.kind).toBe(kind);
  });

  it('a ZIP archive itself is given to the ZIP importer, not taken for an encrypted andOTP file', () => {
    expect(detectFormat({ bytes: fixture('1password.1pux') })?.importer.id).toBe('zip');
  });

  it('a PNG image is given to the image importer, not taken for an encrypted andOTP file', async () => {
    const bytes = new Uint8Array(await QRCode.toBuffer('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP'));
    expect(detectFormat({ bytes })?.importer.id).toBe('image');
  });

  it('the same content is detected the same way with a UTF-8 byte order mark', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...fixture('aegis_plain.json')]);
    expect(detectFormat({ bytes: withBom })?.importer.id).toBe('aegis');
  });
});

describe('input we do not know says what it looks like', () => {
  it.each([
    [new Uint8Array(), 'The file is empty.', 'file_empty', {}],
    [encode({ hello: 'world', list: [] }), 'This looks like a JSON file, but not a backup format we know (top-level keys: hello, list).', 'unknown_json_object', { keys: 'hello, list' }],
    [encode({}), 'This looks like a JSON file, but not a backup format we know (top-level keys: —).', 'unknown_json_object', { keys: '—' }],
    [encode([1, 2, 3]), 'This is a JSON list of 3 item(s), but not a backup format we know.', 'unknown_json_list', { count: 3 }],
    [encode('Dear diary,\nno codes here'), 'This is a text file, but not a backup format we know (it starts with “Dear diary,”).', 'unknown_text_file', { start: 'Dear diary,' }],
    [new Uint8Array([0x00, 0x01, 0x02]), 'This is a binary file of 3 bytes, not a backup format we know.', 'unknown_binary_file', { bytes: 3 }],
  ])('%#: %s', async (bytes, message, code, params) => {
    expect(detectFormat({ bytes })).toBeNull();
    expect(describeUnknown({ bytes })).toBe(message);
    const error = await appError(importBackup({ bytes }));
    expect(error.code).toBe(code);
    expect(error.params).toEqual(params);
    expect(error.message).toBe(message);
  });

  it('a large binary file is offered to andOTP (it has no magic) and refused as a wrong password or not andOTP', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const error = await appError(importBackup({ bytes }, 'password'));
    expect(error.code).toBe('wrong_passphrase');
    expect(error.message).toMatch(/or it is not an andOTP backup \(a binary file of 4096 bytes\)/);
  });

  it('JSON nested far deeper than any backup is refused as damaged, whatever format it resembles', async () => {
    const deep = `${'['.repeat(10_000)}0${']'.repeat(10_000)}`;
    for (const text of [`{"schemaVersion":${deep},"services":[]}`, `{"h0":{"account":"a","secret":"JBSWY3DPEHPK3PXP","hash":"h0","digits":${deep}}}`]) {
      const error = await appError(importBackup({ bytes: encode(text) }));
      expect(error.code).toBe('damaged_backup');
      expect(error.message).toBe('This JSON file nests lists or objects more than 64 levels deep: no backup format does, so it is damaged or not a backup.');
    }
    // Brackets inside strings do not count.
    expect(jsonDepth(encode({ note: '[[[[['.repeat(100), quoted: 'a \\" [[[' }))).toBe(1);
  });

  it('a file over 64 MB is refused before anything reads it', async () => {
    const error = await appError(importBackup({ bytes: new Uint8Array(65 * 1024 * 1024) }));
    expect(error.code).toBe('file_too_large');
    expect(error.params).toEqual({ megabytes: 65 });
    expect(error.message).toBe('The file is 65 MB: too large to be a backup.');
  });
});
