import { createCipheriv, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aegisImporter } from '@/lib/formats/aegis';
import { appError, essentials, expectSameAccounts, fixture, reference } from './helpers';
import { readImportFile } from '@/lib/formats/read';

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const PLAIN = JSON.parse(new TextDecoder().decode(fixture('aegis_plain.json'))) as { version: number; header: unknown; db: { version: number; entries: Record<string, unknown>[] } };
const PASSWORD = 'correct horse';

function gcm(key: Buffer, nonce: Buffer, plaintext: Buffer): { ciphertext: Buffer; tag: Buffer } {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
}

/**
 * Writes an encrypted Aegis vault with Node's crypto, from the format description alone
 * (aegis-vault-format.md): a password slot wraps a random master key, which seals the content.
 */
function sealVault(content: unknown, password: string, extraSlots: unknown[] = []): Record<string, unknown> {
  const masterKey = randomBytes(32);
  const salt = randomBytes(32);
  const slotNonce = randomBytes(12);
  const wrapped = gcm(scryptSync(password, salt, 32, { N: 1024, r: 8, p: 1 }), slotNonce, masterKey);
  const nonce = randomBytes(12);
  const sealed = gcm(masterKey, nonce, Buffer.from(JSON.stringify(content)));
  const slot = { type: 1, uuid: randomUUID(), key: wrapped.ciphertext.toString('hex'), key_params: { nonce: slotNonce.toString('hex'), tag: wrapped.tag.toString('hex') }, n: 1024, r: 8, p: 1, salt: salt.toString('hex'), repaired: true };
  return { version: 1, header: { slots: [...extraSlots, slot], params: { nonce: nonce.toString('hex'), tag: sealed.tag.toString('hex') } }, db: sealed.ciphertext.toString('base64') };
}

/** A biometric slot (type 2) as Aegis writes it next to the password slot: we cannot use it. */
const BIOMETRIC_SLOT = { type: 2, uuid: randomUUID(), key: '00'.repeat(32), key_params: { nonce: '00'.repeat(12), tag: '00'.repeat(16) } };

/** The sample's entries rewritten in content version 2 (a group name per entry) or 3 (group uuids and a list). */
function contentOfVersion(version: 1 | 2 | 3) {
  const groupId = '7b0a7b1c-0e37-4a1e-9f55-6f5f2c6b2e11';
  const entries = PLAIN.db.entries.map((entry) => (version === 2 ? { ...entry, group: 'Work' } : version === 3 ? { ...entry, groups: [groupId], note: '', favorite: false } : entry));
  return version === 3 ? { version, entries, groups: [{ uuid: groupId, name: 'Work' }] } : { version, entries };
}

describe('Aegis vault: real sample files', () => {
  it('reads the plain sample (content version 1) into exactly the reference accounts', async () => {
    const result = await aegisImporter.read(readImportFile({ bytes: fixture('aegis_plain.json') }));
    expect(result.format).toEqual({ id: 'aegis', encrypted: false, version: '1' });
    expect(result.skipped).toEqual([]);
    expect(result.accounts.map(essentials)).toEqual(reference());
  });

  it('reads the encrypted sample with its password into exactly the reference accounts', async () => {
    const result = await aegisImporter.read(readImportFile({ bytes: fixture('aegis_encrypted.json') }), 'test');
    expect(result.format).toMatchObject({ id: 'aegis', encrypted: true, version: expect.stringMatching(/^\d$/) });
    expect(result.skipped).toEqual([]);
    expectSameAccounts(result.accounts, reference());
  });

  it('detects plain and encrypted vaults and nothing else', () => {
    expect(aegisImporter.detect(readImportFile({ bytes: fixture('aegis_plain.json') }))).toBe('plain');
    expect(aegisImporter.detect(readImportFile({ bytes: fixture('aegis_encrypted.json') }))).toBe('encrypted');
    for (const other of ['2fas_authenticator_plain_v4.2fas', 'andotp_plain.json', 'andotp_encrypted.bin', 'bitwarden.json', 'plain.txt']) {
      expect(aegisImporter.detect(readImportFile({ bytes: fixture(other) }))).toBe('no');
    }
  });

  it('a wrong password is “Wrong password”, a missing one asks for it', async () => {
    const wrong = await appError(aegisImporter.read(readImportFile({ bytes: fixture('aegis_encrypted.json') }), 'tset'));
    expect([wrong.code, wrong.message]).toEqual(['wrong_passphrase', 'Wrong password for this Aegis backup.']);
    const missing = await appError(aegisImporter.read(readImportFile({ bytes: fixture('aegis_encrypted.json') })));
    expect(missing.code).toBe('password_required');
  });
});

describe('Aegis vault: content versions 1, 2 and 3', () => {
  it.each([1, 2, 3] as const)('plain content version %i gives the reference accounts', async (version) => {
    const result = await aegisImporter.read(readImportFile({ bytes: encode({ version: 1, header: { slots: null, params: null }, db: contentOfVersion(version) }) }));
    expect(result.format).toEqual({ id: 'aegis', encrypted: false, version: String(version) });
    expect(result.accounts.map(essentials)).toEqual(reference());
  });

  it.each([2, 3] as const)('encrypted content version %i (written independently, biometric slot first) gives the reference accounts', async (version) => {
    const file = sealVault(contentOfVersion(version), PASSWORD, [BIOMETRIC_SLOT]);
    expect(aegisImporter.detect(readImportFile({ bytes: encode(file) }))).toBe('encrypted');
    const result = await aegisImporter.read(readImportFile({ bytes: encode(file) }), PASSWORD);
    expect(result.format).toEqual({ id: 'aegis', encrypted: true, version: String(version) });
    expect(result.accounts.map(essentials)).toEqual(reference());
  });

  it('a newer content version or file version is named, not guessed at', async () => {
    const content = await appError(aegisImporter.read(readImportFile({ bytes: encode({ version: 1, header: { slots: null, params: null }, db: { version: 4, entries: [] } }) })));
    expect([content.code, content.message]).toEqual(['unsupported_format', 'This Aegis backup has content version 4, which is newer than we read (1–3).']);
    const file = await appError(aegisImporter.read(readImportFile({ bytes: encode({ version: 2, header: {}, db: 'AAAA' }) }), PASSWORD));
    expect([file.code, file.message]).toEqual(['unsupported_format', 'This Aegis backup has file version 2; we read version 1.']);
  });
});

describe('Aegis vault: entries', () => {
  it('skips motp and yandex entries and invalid ones with a reason, and keeps the rest', async () => {
    const [deno] = PLAIN.db.entries;
    const entries = [
      deno,
      { type: 'motp', uuid: randomUUID(), name: 'pin', issuer: 'Bank', info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'MD5', digits: 6, period: 10, pin: '1234' } },
      { type: 'yandex', uuid: randomUUID(), name: 'me', issuer: 'Yandex', info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA256', digits: 8, period: 30, pin: '1234' } },
      { type: 'totp', uuid: randomUUID(), name: 'x', issuer: 'TooLong', info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 12, period: 30 } },
      { type: 'totp', uuid: randomUUID(), name: 'y', issuer: 'BadSecret', info: { secret: 'not base32!', algo: 'SHA1', digits: 6, period: 30 } },
    ];
    const result = await aegisImporter.read(readImportFile({ bytes: encode({ version: 1, header: { slots: null, params: null }, db: { version: 2, entries } }) }));
    expect(result.accounts.map(essentials)).toEqual(reference(['Deno']));
    expect(result.skipped).toEqual([
      { position: 2, issuer: 'Bank', name: 'pin', error: { code: 'uri_unknown_type', params: { type: 'motp' } } },
      { position: 3, issuer: 'Yandex', name: 'me', error: { code: 'uri_unknown_type', params: { type: 'yandex' } } },
      { position: 4, issuer: 'TooLong', name: 'x', error: { code: 'bad_digits', params: { digits: '12' } } },
      { position: 5, issuer: 'BadSecret', name: 'y', error: { code: 'bad_base32', params: { character: '!', position: 10 } } },
    ]);
  });

  it('keeps Aegis notes and favourites, and restores our own namespaced fields in their saved order', async () => {
    const [first, second] = PLAIN.db.entries;
    const entries = [
      { ...first, note: 'desk drawer', favorite: true, keyring: { sites: ['deno.com', 'deno.land'], recoveryCodes: [{ code: 'aaaa-bbbb', used: true }], order: 1 } },
      { ...second, note: '', favorite: false, keyring: { sites: [], recoveryCodes: [], order: 0 } },
    ];
    const result = await aegisImporter.read(readImportFile({ bytes: encode({ version: 1, header: { slots: null, params: null }, db: { version: 3, entries, groups: [] } }) }));
    expect(result.accounts.map((a) => [a.issuer, a.notes, a.pinned, a.sites, a.recoveryCodes])).toEqual([
      ['SPDX', '', false, [], []],
      ['Deno', 'desk drawer', true, ['deno.com', 'deno.land'], [{ code: 'aaaa-bbbb', used: true }]],
    ]);
  });
});

describe('Aegis vault: icons', () => {
  // Aegis stores an entry's icon inline: base64 image bytes, its MIME type and its SHA-256 (aegis-vault-format.md).
  const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
  const SVG = btoa('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>');

  it('keeps PNG and SVG icons with their type; a broken or mislabelled icon is dropped, the entry kept', async () => {
    const [first, second, third, fourth] = PLAIN.db.entries;
    const entries = [
      { ...first, icon: PNG, icon_mime: 'image/png', icon_hash: null },
      { ...second, icon: SVG, icon_mime: 'image/svg+xml', icon_hash: null },
      { ...third, icon: SVG, icon_mime: 'image/png', icon_hash: null },
      { ...fourth, icon: '***', icon_mime: 'image/jpeg', icon_hash: null },
    ];
    const result = await aegisImporter.read(readImportFile({ bytes: encode({ version: 1, header: { slots: null, params: null }, db: { version: 3, entries, groups: [] } }) }));
    expect(result.skipped).toEqual([]);
    expect(result.accounts.map((a) => a.icon)).toEqual([
      { kind: 'image', mime: 'image/png', data: PNG },
      { kind: 'image', mime: 'image/svg+xml', data: SVG },
      undefined,
      undefined,
    ]);
  });
});

describe('Aegis vault: damaged or changed encrypted files are refused whole', () => {
  const content = contentOfVersion(3);

  it('a changed ciphertext, nonce or tag fails authentication with the right password', async () => {
    const file = sealVault(content, PASSWORD);
    const header = file.header as { params: { nonce: string; tag: string } };
    const db = Buffer.from(file.db as string, 'base64');
    db[10] = db[10]! ^ 0x80;
    const changes = [
      { ...file, db: db.toString('base64') },
      { ...file, header: { ...header, params: { ...header.params, nonce: `${header.params.nonce.slice(0, -1)}${header.params.nonce.endsWith('0') ? '1' : '0'}` } } },
      { ...file, header: { ...header, params: { ...header.params, tag: `0${header.params.tag.slice(1)}` === header.params.tag ? `1${header.params.tag.slice(1)}` : `0${header.params.tag.slice(1)}` } } },
    ];
    for (const changed of changes) {
      const error = await appError(aegisImporter.read(readImportFile({ bytes: encode(changed) }), PASSWORD));
      expect([error.code, error.message]).toEqual(['damaged_backup', 'The Aegis backup was changed or damaged: authentication of its content failed.']);
    }
  });

  it('a truncated content, a missing tag or a broken slot is a damaged backup, never partial data', async () => {
    const file = sealVault(content, PASSWORD);
    const header = file.header as { slots: Record<string, unknown>[]; params: Record<string, unknown> };
    const truncated = { ...file, db: (file.db as string).slice(0, 40) };
    const noTag = { ...file, header: { ...header, params: { nonce: header.params.nonce } } };
    const badSalt = { ...file, header: { ...header, slots: [{ ...header.slots[0], salt: 'zz' }] } };
    for (const [changed, message] of [
      [truncated, /authentication of its content failed/],
      [noTag, /content tag is not valid hexadecimal/],
      [badSalt, /slot salt is not valid hexadecimal/],
    ] as const) {
      const error = await appError(aegisImporter.read(readImportFile({ bytes: encode(changed) }), PASSWORD));
      expect(error.code).toBe('damaged_backup');
      expect(error.message).toMatch(message);
    }
  });

  it('refuses absurd scrypt parameters at once instead of trying them', async () => {
    const file = sealVault(content, PASSWORD);
    const header = file.header as { slots: Record<string, unknown>[]; params: unknown };
    const started = Date.now();
    const error = await appError(aegisImporter.read(readImportFile({ bytes: encode({ ...file, header: { ...header, slots: [{ ...header.slots[0], n: 2 ** 30 }] } }) }), PASSWORD));
    expect(error.code).toBe('damaged_backup');
    expect(error.message).toBe("The Aegis backup's password slot has unusable scrypt parameters (N=1073741824, r=8, p=1).");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a vault with only a biometric slot says to export it with a password', async () => {
    const file = sealVault(content, PASSWORD);
    const header = file.header as { params: unknown };
    const error = await appError(aegisImporter.read(readImportFile({ bytes: encode({ ...file, header: { ...header, slots: [BIOMETRIC_SLOT] } }) }), PASSWORD));
    expect(error.code).toBe('unsupported_format');
    expect(error.message).toMatch(/no password slot/);
  });
});
