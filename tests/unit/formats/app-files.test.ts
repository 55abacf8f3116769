import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectFormat, importBackup } from '@/lib/formats';
import { base32ToBytes } from '@/lib/otp/base32';
import {
  AUTHY_ACCOUNTS, authyFile, battleNetFile, DUO_HOTP, DUO_TOTP, duoFile, encode, FREEOTP_ACCOUNTS, freeOtpPrefs, prefsXml, STEAM, STEAM_ACCOUNT, STRATUM_JSON,
  stratumEncrypted, stratumLegacy, stringPref, TOTP_SHA1_6_30, totpAuthenticatorBackup, totpAuthenticatorPrefs,
} from './app-files';
import { appError, essentials, expectSameAccounts, reference } from './helpers';

// Files written by ./app-files.ts from each format's definition. The same readers were also checked against
// Aegis's own sample files (beemdevelopment/Aegis app/src/test/resources/…/importers/); see the change's note.

describe('Authy (Android token preferences)', () => {
  it('plain secrets', async () => {
    const bytes = authyFile();
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'authy' }, kind: 'plain' });
    expectSameAccounts((await importBackup({ bytes })).accounts, AUTHY_ACCOUNTS.map(essentials));
  });

  it('secrets sealed with the backup password (PBKDF2-SHA1 ×1,000, AES-256-CBC, zero IV); wrong password said so', async () => {
    const bytes = authyFile('testtest');
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'authy' }, kind: 'encrypted' });
    expect((await appError(importBackup({ bytes }))).code).toBe('password_required');
    expect((await appError(importBackup({ bytes }, 'wrong one'))).code).toBe('wrong_passphrase');
    expectSameAccounts((await importBackup({ bytes }, 'testtest')).accounts, AUTHY_ACCOUNTS.map(essentials));
  });

  it('Authy’s own accounts (hex seed): 7 digits every 10 s, named by the account', async () => {
    const seed = '0123456789abcdef0123456789abcdef';
    const bytes = encode(prefsXml([stringPref('com.authy.storage.tokens.authy.key', JSON.stringify([{ name: 'Twilio', secretSeed: seed, digits: 7, accountType: 'authy' }]))]));
    const [account] = (await importBackup({ bytes })).accounts;
    expect(account && [account.issuer, account.name, account.digits, account.period, [...base32ToBytes(account.secret)]]).toEqual(['Twilio', '', 7, 10, [...Buffer.from(seed, 'hex')]]);
  });
});

describe('Battle.net Authenticator (Android preferences)', () => {
  it('unmasks serial and device secret; 8 digits every 30 s', async () => {
    const secret = randomBytes(20);
    const { accounts } = await importBackup({ bytes: battleNetFile(secret, 'EU-1234-5678-9012') });
    expect(accounts.map((a) => [a.issuer, a.name, a.digits, a.period, Buffer.from(base32ToBytes(a.secret)).toString('hex')])).toEqual([['Battle.net', 'EU-1234-5678-9012', 8, 30, secret.toString('hex')]]);
  });
});

describe('Steam Guard files', () => {
  const expected = [{ ...essentials(STEAM), issuer: 'Steam', name: 'Sophia' }];

  it('a .maFile (one account) and the newer `accounts` map', async () => {
    for (const file of [STEAM_ACCOUNT, { accounts: { abc: STEAM_ACCOUNT } }]) {
      const bytes = encode(JSON.stringify(file));
      expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'steam' }, kind: 'plain' });
      expect((await importBackup({ bytes })).accounts.map(essentials)).toEqual(expected);
    }
  });

  it('a shared secret that is not base64 skips that account with a reason', async () => {
    const result = await importBackup({ bytes: encode(JSON.stringify({ accounts: { a: STEAM_ACCOUNT, b: { ...STEAM_ACCOUNT, account_name: 'Bad', shared_secret: '%%%' } } })) });
    expect(result.accounts).toHaveLength(1);
    expect(result.skipped).toEqual([{ position: 2, issuer: 'Steam', name: 'Bad', error: { code: 'secret_not_base64' } }]);
  });
});

describe('Duo Mobile accounts.json', () => {
  it('TOTP and HOTP (with counter); Duo keeps only the account name', async () => {
    const bytes = duoFile();
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'duo' }, kind: 'plain' });
    expect((await importBackup({ bytes })).accounts.map((a) => [a.type, a.issuer, a.name, a.secret, a.counter])).toEqual([
      ['totp', '', DUO_TOTP.name, DUO_TOTP.secret, 0],
      ['hotp', '', DUO_HOTP.name, DUO_HOTP.secret, 3],
    ]);
  });
});

describe('TOTP Authenticator', () => {
  it('its backup: base64 of AES-256-CBC under SHA-256 of the password; wrong password said so', async () => {
    const bytes = totpAuthenticatorBackup('Testtest1');
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'totp-authenticator' }, kind: 'encrypted' });
    expect((await appError(importBackup({ bytes }, 'Testtest2'))).code).toBe('wrong_passphrase');
    expectSameAccounts((await importBackup({ bytes }, 'Testtest1')).accounts, TOTP_SHA1_6_30.map(essentials));
  });

  it('its app data (preferences XML)', async () => {
    const bytes = totpAuthenticatorPrefs();
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'totp-authenticator' }, kind: 'plain' });
    expectSameAccounts((await importBackup({ bytes })).accounts, TOTP_SHA1_6_30.map(essentials));
  });
});

describe('Stratum (Authenticator Pro)', () => {
  it('plain', async () => {
    const bytes = encode(STRATUM_JSON);
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'stratum' }, kind: 'plain' });
    expectSameAccounts((await importBackup({ bytes })).accounts, reference());
  });

  it('encrypted: AUTHENTICATORPRO, Argon2id (t=3, 64 MiB, p=4) and AES-256-GCM; wrong password said so', async () => {
    const bytes = await stratumEncrypted('test');
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'stratum' }, kind: 'encrypted' });
    expect((await appError(importBackup({ bytes }, 'tesT'))).code).toBe('wrong_passphrase');
    expectSameAccounts((await importBackup({ bytes }, 'test')).accounts, reference());
  });

  it('older encrypted: AuthenticatorPro, PBKDF2-SHA1 ×64,000 and AES-256-CBC; a cut file is damaged', async () => {
    const bytes = stratumLegacy('test');
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'stratum' }, kind: 'encrypted' });
    expectSameAccounts((await importBackup({ bytes }, 'test')).accounts, reference());
    expect((await appError(importBackup({ bytes: bytes.subarray(0, 40) }, 'test'))).code).toBe('damaged_backup');
  });
});

describe('FreeOTP tokens file (FreeOTP 1 and FreeOTP+ internal data)', () => {
  it('one JSON token per preference, in `tokenOrder`; the HOTP counter is the last one used', async () => {
    const bytes = freeOtpPrefs();
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'freeotp' }, kind: 'plain' });
    const result = await importBackup({ bytes });
    expect(result.format).toEqual({ id: 'freeotp-tokens' });
    expect(result.accounts.map(essentials)).toEqual([...FREEOTP_ACCOUNTS].reverse().map(essentials));
  });
});
