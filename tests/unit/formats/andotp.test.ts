import { createCipheriv, createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { andotpImporter } from '@/lib/formats/andotp';
import { appError, essentials, expectSameAccounts, fixture, reference, REFERENCE } from './helpers';
import { readImportFile } from '@/lib/formats/read';

const PASSWORD = 'andOTP pw';

function gcm(key: Buffer, nonce: Buffer, plaintext: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** The reference accounts as andOTP writes them in its JSON list. */
function andotpList(accounts = REFERENCE) {
  return accounts.map((a) => ({
    secret: a.secret,
    issuer: a.issuer,
    label: a.name,
    digits: a.digits,
    type: a.type.toUpperCase(),
    algorithm: a.algorithm,
    thumbnail: 'Default',
    last_used: 1_700_000_000_000,
    used_frequency: 0,
    tags: ['work'],
    ...(a.type === 'hotp' ? { counter: a.counter } : { period: a.period }),
  }));
}

/** Current layout: [iterations, 4 bytes big-endian][salt 12][nonce 12][ciphertext][tag 16], key = PBKDF2-HMAC-SHA1. */
function encryptCurrent(plaintext: string, password: string, iterations = 1000): Uint8Array {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(iterations);
  const salt = randomBytes(12);
  const nonce = randomBytes(12);
  return new Uint8Array(Buffer.concat([header, salt, nonce, gcm(pbkdf2Sync(password, salt, iterations, 32, 'sha1'), nonce, Buffer.from(plaintext))]));
}

/** Old layout: [nonce 12][ciphertext][tag 16], key = SHA-256(password). */
function encryptOld(plaintext: string, password: string): Uint8Array {
  const nonce = randomBytes(12);
  return new Uint8Array(Buffer.concat([nonce, gcm(createHash('sha256').update(password).digest(), nonce, Buffer.from(plaintext))]));
}

describe('andOTP: real sample files', () => {
  it('reads the plain sample into exactly the reference accounts', async () => {
    const result = await andotpImporter.read(readImportFile({ bytes: fixture('andotp_plain.json') }));
    expect(result.format).toEqual({ id: 'andotp', encrypted: false });
    expect(result.skipped).toEqual([]);
    expectSameAccounts(result.accounts, reference());
  });

  it('reads the encrypted sample (current layout) with its password into exactly the reference accounts', async () => {
    const result = await andotpImporter.read(readImportFile({ bytes: fixture('andotp_encrypted.bin') }), 'test');
    expect(result.format).toEqual({ id: 'andotp', encrypted: true });
    expect(result.skipped).toEqual([]);
    expectSameAccounts(result.accounts, reference());
  });

  it('a wrong password is “Wrong password”, a missing one asks for it', async () => {
    const wrong = await appError(andotpImporter.read(readImportFile({ bytes: fixture('andotp_encrypted.bin') }), 'Test'));
    expect(wrong.code).toBe('wrong_passphrase');
    expect(wrong.message).toMatch(/^Wrong password for this andOTP backup/);
    expect((await appError(andotpImporter.read(readImportFile({ bytes: fixture('andotp_encrypted.bin') })))).code).toBe('password_required');
  });
});

describe('andOTP: both encrypted layouts, written independently', () => {
  it('reads the current layout (PBKDF2-HMAC-SHA1 with the iteration count in the file)', async () => {
    const bytes = encryptCurrent(JSON.stringify(andotpList()), PASSWORD, 2000);
    expect(andotpImporter.detect(readImportFile({ bytes }))).toBe('encrypted');
    const result = await andotpImporter.read(readImportFile({ bytes }), PASSWORD);
    expect(result.accounts.map(essentials)).toEqual(reference());
  });

  it('reads the old layout (key = SHA-256 of the password) when the current one fails', async () => {
    const bytes = encryptOld(JSON.stringify(andotpList()), PASSWORD);
    expect(andotpImporter.detect(readImportFile({ bytes }))).toBe('encrypted');
    const result = await andotpImporter.read(readImportFile({ bytes }), PASSWORD);
    expect(result.format).toEqual({ id: 'andotp', encrypted: true });
    expect(result.accounts.map(essentials)).toEqual(reference());
    expect((await appError(andotpImporter.read(readImportFile({ bytes }), 'andotp pw'))).code).toBe('wrong_passphrase');
  });

  it('refuses every single-byte change of an encrypted file, never giving other accounts', async () => {
    const bytes = encryptCurrent(JSON.stringify(andotpList(REFERENCE.slice(0, 1))), PASSWORD, 100);
    for (let i = 0; i < bytes.length; i++) {
      const changed = new Uint8Array(bytes);
      changed[i] = bytes[i]! ^ 0x01;
      const error = await appError(andotpImporter.read(readImportFile({ bytes: changed }), PASSWORD)).catch((e: unknown) => e);
      expect(error, `byte ${i}`).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('wrong_passphrase');
    }
  });

  it('a decrypted file that is not a list of accounts is a damaged backup', async () => {
    const notJson = await appError(andotpImporter.read(readImportFile({ bytes: encryptCurrent('not json at all', PASSWORD) }), PASSWORD));
    expect([notJson.code, notJson.message]).toEqual(['damaged_backup', 'The andOTP backup decrypted, but its content is not JSON.']);
    const notList = await appError(andotpImporter.read(readImportFile({ bytes: encryptOld('{"a":1}', PASSWORD) }), PASSWORD));
    expect([notList.code, notList.message]).toEqual(['damaged_backup', 'The andOTP backup decrypted, but holds no list of accounts.']);
  });

  it('a file too short to hold encrypted data is a damaged backup', async () => {
    const error = await appError(andotpImporter.read(readImportFile({ bytes: new Uint8Array([0, 2, 0x39, 0x70, 1, 2, 3]) }), PASSWORD));
    expect([error.code, error.message]).toEqual(['damaged_backup', 'This andOTP backup is 7 bytes long, too short to hold encrypted data (at least 28).']);
  });
});

describe('andOTP: detection without magic bytes', () => {
  const random = (length: number) => new Uint8Array(randomBytes(length));
  const withMagic = (magic: number[]) => {
    const bytes = random(200);
    bytes.set(magic);
    return bytes;
  };

  it('claims its JSON list as plain and long binary as encrypted', () => {
    expect(andotpImporter.detect(readImportFile({ bytes: fixture('andotp_plain.json') }))).toBe('plain');
    expect(andotpImporter.detect(readImportFile({ bytes: fixture('andotp_encrypted.bin') }))).toBe('encrypted');
    expect(andotpImporter.detect(readImportFile({ bytes: new TextEncoder().encode(JSON.stringify(andotpList())) }))).toBe('plain');
  });

  it.each([
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0]],
    ['GIF', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]],
    ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d]],
    ['ZIP', [0x50, 0x4b, 0x03, 0x04]],
    ['WebP', [0x52, 0x49, 0x46, 0x46]],
    ['gzip', [0x1f, 0x8b, 0x08]],
  ])('does not claim a %s file', (_name, magic) => {
    expect(andotpImporter.detect(readImportFile({ bytes: withMagic(magic) }))).toBe('no');
  });

  it('does not claim text, other JSON, other apps’ files or binary too short to be encrypted', () => {
    const text = (value: string) => new TextEncoder().encode(value);
    expect(andotpImporter.detect(readImportFile({ bytes: text('Dear diary, this is a long enough text file with no codes in it.\n') }))).toBe('no');
    expect(andotpImporter.detect(readImportFile({ bytes: text('[{"name":"x"},{"name":"y"}]') }))).toBe('no');
    expect(andotpImporter.detect(readImportFile({ bytes: text('[]') }))).toBe('no');
    expect(andotpImporter.detect(readImportFile({ bytes: random(27) }))).toBe('no');
    for (const other of ['aegis_plain.json', 'aegis_encrypted.json', '2fas_authenticator_encrypted_v4.2fas', 'bitwarden.json', 'plain.txt', 'ente_auth.txt']) {
      expect(andotpImporter.detect(readImportFile({ bytes: fixture(other) }))).toBe('no');
    }
  });
});

describe('andOTP: entries', () => {
  it('reads the old “Issuer - account” label and skips MOTP and invalid entries with a reason', async () => {
    const list = [
      { secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', label: 'Deno - Mason', digits: 6, type: 'TOTP', algorithm: 'SHA1', period: 30 },
      { secret: 'JBSWY3DPEHPK3PXP', issuer: 'Bank', label: 'pin', digits: 6, type: 'MOTP', algorithm: 'MD5', period: 10 },
      { secret: 'JBSWY3DPEHPK3PXP', issuer: 'Shop', label: 'me', digits: 6, type: 'TOTP', algorithm: 'MD5', period: 30 },
      { secret: 'JBSWY3DPEHPK3PXP', issuer: 'Slow', label: 'me', digits: 6, type: 'TOTP', algorithm: 'SHA1', period: 0 },
    ];
    const result = await andotpImporter.read(readImportFile({ bytes: new TextEncoder().encode(JSON.stringify(list)) }));
    expect(result.accounts.map(essentials)).toEqual(reference(['Deno']));
    expect(result.skipped).toEqual([
      { position: 2, issuer: 'Bank', name: 'pin', error: { code: 'uri_unknown_type', params: { type: 'motp' } } },
      { position: 3, issuer: 'Shop', name: 'me', error: { code: 'bad_algorithm', params: { algorithm: 'MD5' } } },
      { position: 4, issuer: 'Slow', name: 'me', error: { code: 'bad_period', params: { period: '0' } } },
    ]);
  });
});
