import { describe, expect, it } from 'vitest';
import { detectFormat, importBackup } from '@/lib/formats';
import type { ImportFormat } from '@/lib/formats/types';
import { appError, expectSameAccounts, fixture, reference } from './helpers';

// Each real export from another app must give exactly the reference accounts of plain.txt
// (or the subset that app can hold).
describe('real sample files import to the reference accounts', () => {
  const cases: [file: string, password: string | undefined, issuers: string[] | undefined, format: ImportFormat][] = [
    ['plain.txt', undefined, undefined, { id: 'otpauth-list' }],
    ['aegis_plain.json', undefined, undefined, { id: 'aegis', encrypted: false, version: '1' }],
    ['aegis_encrypted.json', 'test', undefined, { id: 'aegis', encrypted: true, version: '1' }],
    ['2fas_authenticator_plain_v4.2fas', undefined, ['Deno', 'Issuu', 'Air Canada', 'WWE', 'Boeing'], { id: '2fas', version: '4', encrypted: false }],
    ['2fas_authenticator_encrypted_v4.2fas', 'test', ['Deno', 'Issuu', 'Air Canada', 'WWE', 'Boeing'], { id: '2fas', version: '4', encrypted: true }],
    ['andotp_plain.json', undefined, undefined, { id: 'andotp', encrypted: false }],
    ['andotp_encrypted.bin', 'test', undefined, { id: 'andotp', encrypted: true }],
    ['bitwarden.json', undefined, ['Deno', 'SPDX', 'Airbnb'], { id: 'bitwarden-json' }],
    ['ente_auth.txt', undefined, undefined, { id: 'ente', encrypted: false }],
    ['proton_authenticator.json', undefined, ['Deno', 'SPDX', 'Airbnb'], { id: 'proton-authenticator' }],
    ['freeotp_plus.json', undefined, ['WWE', 'Air Canada', 'Issuu', 'Airbnb', 'SPDX', 'Deno'], { id: 'freeotp-plus' }],
  ];
  for (const [file, password, issuers, format] of cases) {
    it(file, async () => {
      const result = await importBackup({ bytes: fixture(file), fileName: file }, password);
      expect(result.format).toEqual(format);
      expect(result.skipped).toEqual([]);
      // Bitwarden's steam://SECRET has no issuer or name: it becomes a Steam account named after the item.
      const accounts = file === 'bitwarden.json' ? result.accounts.filter((a) => a.type !== 'steam') : result.accounts;
      expectSameAccounts(accounts, reference(issuers));
    });
  }

  it('Bitwarden keeps its steam:// item as a Steam account with the right secret', async () => {
    const { accounts } = await importBackup({ bytes: fixture('bitwarden.json') });
    expect(accounts.filter((a) => a.type === 'steam')).toMatchObject([{ type: 'steam', secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI', digits: 5 }]);
  });

  it('detects encrypted samples as needing a password, and says so', async () => {
    for (const file of ['aegis_encrypted.json', '2fas_authenticator_encrypted_v4.2fas', 'andotp_encrypted.bin']) {
      expect(detectFormat({ bytes: fixture(file) })?.kind).toBe('encrypted');
      expect((await appError(importBackup({ bytes: fixture(file) }))).code).toBe('password_required');
    }
  });

  it.each([
    ['aegis_encrypted.json', /Wrong password for this Aegis backup/],
    ['2fas_authenticator_encrypted_v4.2fas', /Wrong password for this 2FAS backup/],
    ['andotp_encrypted.bin', /Wrong password for this andOTP backup/],
  ])('%s with a wrong password: “Wrong password”', async (file, message) => {
    const error = await appError(importBackup({ bytes: fixture(file) }, 'not the password'));
    expect(error.code).toBe('wrong_passphrase');
    expect(error.message).toMatch(message);
  });
});
