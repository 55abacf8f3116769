import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectFormat, importBackup } from '@/lib/formats';
import { keyedExtensionBackup } from './authenticator-extension-files';
import { appError, cryptoJsEncrypt, essentials, reference } from './helpers';

// No sample file exists: backups are built here from the extension's definition (src/models/backup.ts,
// src/import.ts, src/models/encryption.ts of Authenticator-Extension/Authenticator).
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** Deno (TOTP defaults), SPDX (SHA256, 7 digits, 20 s), Issuu (HOTP, counter 1) as the extension stores them. */
function plainEntries() {
  return {
    [md5('4SJHB4GSD43FZBAI7C2HLRJGPQ')]: { account: 'Mason', issuer: 'Deno', secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', type: 'totp', encrypted: false, hash: md5('4SJHB4GSD43FZBAI7C2HLRJGPQ'), index: 0, counter: 0, pinned: false },
    [md5('5OM4WOOGPLQEF6UGN3CPEOOLWU')]: { account: 'James', issuer: 'SPDX', secret: '5OM4WOOGPLQEF6UGN3CPEOOLWU', type: 'totp', period: 20, digits: 7, algorithm: 'SHA256', encrypted: false, hash: md5('5OM4WOOGPLQEF6UGN3CPEOOLWU'), index: 1, pinned: true },
    [md5('YOOMIXWS5GN6RTBPUFFWKTW5M4')]: { account: 'James', issuer: 'Issuu', secret: 'YOOMIXWS5GN6RTBPUFFWKTW5M4', type: 'hotp', counter: 1, encrypted: false, hash: md5('YOOMIXWS5GN6RTBPUFFWKTW5M4'), index: 2 },
  };
}

function encryptedEntries(password: string) {
  return Object.fromEntries(Object.entries(plainEntries()).map(([hash, entry]) => [hash, { ...entry, secret: cryptoJsEncrypt(entry.secret, password), encrypted: true }]));
}

describe('the Authenticator browser extension', () => {
  it('reads a plain backup keyed by hash into the reference accounts, pinned kept', async () => {
    const result = await importBackup({ bytes: encode(plainEntries()) });
    expect(result.format).toEqual({ id: 'authenticator-extension', encrypted: false });
    expect(result.accounts.map(essentials)).toEqual(reference(['Deno', 'SPDX', 'Issuu']));
    expect(result.accounts.map((a) => a.pinned)).toEqual([false, true, false]);
    expect(result.skipped).toEqual([]);
  });

  it('orders accounts by their index, not by the order of the keys', async () => {
    const entries = Object.entries(plainEntries()).reverse();
    const result = await importBackup({ bytes: encode(Object.fromEntries(entries)) });
    expect(result.accounts.map((a) => a.issuer)).toEqual(['Deno', 'SPDX', 'Issuu']);
  });

  it('skips types it cannot hold (Battle.net, hex) with the entry and the reason', async () => {
    const file = {
      ...plainEntries(),
      b1: { account: 'x', issuer: 'Battle.net', secret: 'JBSWY3DPEHPK3PXP', type: 'battle', encrypted: false, hash: 'b1', index: 3 },
      b2: { account: 'y', issuer: 'Old', secret: '48656c6c6f21deadbeef', type: 'hex', encrypted: false, hash: 'b2', index: 4 },
    };
    const result = await importBackup({ bytes: encode(file) });
    expect(result.accounts).toHaveLength(3);
    expect(result.skipped).toEqual([
      { position: 4, issuer: 'Battle.net', name: 'x', error: { code: 'uri_unsupported_type', params: { type: 'battle' } } },
      { position: 5, issuer: 'Old', name: 'y', error: { code: 'uri_unsupported_type', params: { type: 'hex' } } },
    ]);
  });

  it('decrypts the older encrypted backup (CryptoJS passphrase encryption) with the right password', async () => {
    const bytes = encode(encryptedEntries('correct horse'));
    expect(detectFormat({ bytes })).toMatchObject({ kind: 'encrypted' });
    const result = await importBackup({ bytes }, 'correct horse');
    expect(result.format).toEqual({ id: 'authenticator-extension', encrypted: true });
    expect(result.accounts.map(essentials)).toEqual(reference(['Deno', 'SPDX', 'Issuu']));
  });

  it('an encrypted backup asks for its password, and refuses a wrong one as “Wrong password”', async () => {
    const bytes = encode(encryptedEntries('correct horse'));
    const missing = await appError(importBackup({ bytes }));
    expect(missing.code).toBe('password_required');
    expect(missing.message).toBe('This Authenticator extension backup is encrypted: enter its password.');
    const wrong = await appError(importBackup({ bytes }, 'battery staple'));
    expect(wrong.code).toBe('wrong_passphrase');
    expect(wrong.message).toMatch(/^Wrong password for this Authenticator extension backup/);
  });

  it('one damaged encrypted secret is skipped with its reason, the others import', async () => {
    const file = encryptedEntries('pw-1234');
    const [firstHash] = Object.keys(file);
    const first = file[firstHash!]!;
    file[firstHash!] = { ...first, secret: cryptoJsEncrypt('not a secret!', 'pw-1234') };
    const result = await importBackup({ bytes: encode(file) }, 'pw-1234');
    expect(result.accounts.map((a) => a.issuer)).toEqual(['SPDX', 'Issuu']);
    expect(result.skipped).toEqual([{ position: 1, issuer: 'Deno', name: 'Mason', error: { code: 'secret_not_decrypted' } }]);
  });

  it('the newer keyed encryption (Argon2id key item, EncOTPStorage entries) opens with the password', async () => {
    const bytes = encode(await keyedExtensionBackup('extension password', plainEntries()));
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'authenticator-extension' }, kind: 'encrypted' });
    const result = await importBackup({ bytes }, 'extension password');
    expect(result.format).toEqual({ id: 'authenticator-extension', encrypted: true });
    expect(result.skipped).toEqual([]);
    expect(result.accounts.map(essentials)).toEqual(reference(['Deno', 'SPDX', 'Issuu']));
    expect(result.accounts.map((a) => a.pinned)).toEqual([false, true, false]);
  });

  it('the keyed encryption: password required, wrong password, a missing key, a damaged entry, hostile Argon2 costs', async () => {
    const file = await keyedExtensionBackup('extension password', plainEntries());
    expect((await appError(importBackup({ bytes: encode(file) }))).code).toBe('password_required');
    expect((await appError(importBackup({ bytes: encode(file) }, 'not it'))).message).toBe('Wrong password for this Authenticator extension backup.');
    const key = Object.entries(file).find(([, v]) => (v as { dataType?: string }).dataType === 'Key')!;
    const withoutKey = Object.fromEntries(Object.entries(file).filter(([name]) => name !== key[0]));
    expect((await appError(importBackup({ bytes: encode(withoutKey) }, 'extension password'))).message).toMatch(/key its entries are encrypted with is missing/);
    const entryName = Object.keys(file).find((name) => name !== key[0])!;
    const broken = { ...file, [entryName]: { ...(file[entryName] as object), data: cryptoJsEncrypt('not json', 'wrong key') } };
    const result = await importBackup({ bytes: encode(broken) }, 'extension password');
    expect(result.accounts).toHaveLength(2);
    expect(result.skipped).toEqual([expect.objectContaining({ error: { code: 'entry_damaged' } })]);
    const costly = { ...file, [key[0]]: { ...(key[1] as object), hash: '$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA' } };
    expect((await appError(importBackup({ bytes: encode(costly) }, 'extension password'))).code).toBe('damaged_backup');
  });

  it('a JSON object that only looks similar is not taken for a backup', () => {
    expect(detectFormat({ bytes: encode({ a: { secret: 'JBSWY3DPEHPK3PXP' } }) })).toBeNull();
    expect(detectFormat({ bytes: encode({ a: { account: 'x', secret: 'JBSWY3DPEHPK3PXP', hash: 'a' }, b: 3 }) })).toBeNull();
  });
});
