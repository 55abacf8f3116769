import { readImportFile } from '@/lib/formats/read';
import { describe, expect, it } from 'vitest';
import { detectFormat, importBackup, IMPORTERS } from '@/lib/formats';
import { appError, essentials, expectSameAccounts, fixture, reference } from './helpers';
import { zipFixture } from './zip-files';

/**
 * WinAuth's export, written to the shape of WinAuthAuthenticator.ToUrl (winauth/winauth, WinAuth/WinAuthAuthenticator.cs):
 * tests/fixtures/import/winauth.txt holds the reference accounts WinAuth can hold (SHA-1, 30 s: TOTP, HOTP, Steam);
 * winauth.zip is that file zipped with a password (`zip -e`, ZipCrypto, as WinAuth's SharpZipLib does).
 */
const encode = (text: string) => new TextEncoder().encode(text);
const SECRET = 'JBSWY3DPEHPK3PXP';

describe('WinAuth export', () => {
  it('winauth.txt gives the reference accounts it holds; Steam (digits 5, deviceid, data) is a Steam account', async () => {
    const bytes = fixture('winauth.txt');
    expect(detectFormat({ bytes })?.importer.id).toBe('winauth');
    expect(IMPORTERS.filter((i) => i.detect(readImportFile({ bytes })) !== 'no').map((i) => i.id)).toEqual(['winauth', 'otpauth-list']);
    const result = await importBackup({ bytes });
    expect(result.format).toEqual({ id: 'winauth' });
    expect(result.skipped).toEqual([]);
    expectSameAccounts(result.accounts, reference(['Deno', 'Issuu', 'Boeing']));
  });

  it('the password-protected ZIP export reads the same; a wrong password says so', async () => {
    const result = await importBackup({ bytes: await zipFixture('winauth.zip', 'winauth-test') }, 'winauth-test');
    expect(result.format).toEqual({ id: 'winauth', zip: true, encrypted: true });
    expectSameAccounts(result.accounts, reference(['Deno', 'Issuu', 'Boeing']));
    const error = await appError(importBackup({ bytes: await zipFixture('winauth.zip', 'nope') }, 'nope'));
    expect(error.code).toBe('wrong_passphrase');
    expect(error.message).toBe('Wrong password for this WinAuth export (or the ZIP archive is damaged).');
    const missing = await appError(importBackup({ bytes: await zipFixture('winauth.zip') }));
    expect(missing.code).toBe('password_required');
  });

  it('fixes WinAuth’s label quirks: raw issuer, `+` for a space, `#` and `%` unescaped, a display name without issuer', async () => {
    const text = [
      `otpauth://totp/Big Bank:ann+smith?secret=${SECRET}&digits=6&issuer=Big+Bank`,
      `otpauth://totp/Shop #1:ann?secret=${SECRET}&digits=6&issuer=Shop+%231`,
      `otpauth://totp/100% Cotton:bob?secret=${SECRET}&digits=8&issuer=100%25+Cotton&icon=base64%3aMFRGGZDF`,
      `otpauth://totp/Google (ann@mail.example)?secret=${SECRET}&digits=6`,
      `otpauth://totp/GitHub?secret=${SECRET}&digits=6`,
      `otpauth://totp/Steam:gabe?secret=${SECRET}&digits=5&issuer=Steam`,
      `otpauth://totp/BattleNet:EU-1234?secret=${SECRET}&digits=8&issuer=BattleNet&serial=EU123412341234`,
    ].join('\r\n');
    const result = await importBackup({ bytes: encode(text) });
    expect(result.format).toEqual({ id: 'winauth' });
    expect(result.skipped).toEqual([]);
    expect(result.accounts.map((a) => [a.type, a.issuer, a.name, a.digits])).toEqual([
      ['totp', 'Big Bank', 'ann smith', 6],
      ['totp', 'Shop #1', 'ann', 6],
      ['totp', '100% Cotton', 'bob', 8],
      ['totp', 'Google', 'ann@mail.example', 6],
      ['totp', 'GitHub', '', 6],
      ['steam', 'Steam', 'gabe', 5],
      ['totp', 'BattleNet', 'EU-1234', 8],
    ]);
    expect(result.accounts.every((a) => a.secret === SECRET && a.algorithm === 'SHA1' && a.period === 30)).toBe(true);
  });

  it('a bad line is skipped with its line number and why; the rest import (all of the file or nothing of a line)', async () => {
    const text = `otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&digits=6&issuer=Deno\n\notpauth://totp/X:y?secret=BAD1&digits=6&issuer=X\n`;
    const result = await importBackup({ bytes: encode(text) });
    expect(result.accounts.map(essentials)).toEqual(reference(['Deno']));
    expect(result.skipped).toEqual([{ line: 3, error: { code: 'bad_base32', params: { character: '1', position: 4 } } }]);
  });

  it('links of other apps (with algorithm or period) are not taken for WinAuth’s', () => {
    expect(detectFormat({ bytes: fixture('plain.txt') })?.importer.id).toBe('otpauth-list');
    expect(detectFormat({ bytes: encode(`otpauth://totp/a?secret=${SECRET}&digits=6&period=30`) })?.importer.id).toBe('otpauth-list');
  });
});
