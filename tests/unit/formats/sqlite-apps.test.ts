import { describe, expect, it } from 'vitest';
import { detectFormat, importBackup } from '@/lib/formats';
import { sqliteDump } from '@/lib/formats/sqlite';
import { dumpOf, GOOGLE_ACCOUNTS, googleAuthenticatorDb, googleAuthenticatorDbWithEncrypted, loadSql, MICROSOFT_ACCOUNTS, microsoftAuthenticatorDb, stratumDb } from './app-databases';
import { appError, essentials, expectSameAccounts, reference } from './helpers';

describe('apps’ SQLite databases, read from the dump the backup page makes', () => {
  it('Google Authenticator’s database: TOTP and HOTP (SHA-1, 6 digits, 30 s), secrets in lower case with spaces, names from `Issuer:name`', async () => {
    const bytes = await dumpOf(await googleAuthenticatorDb());
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'sqlite' }, kind: 'plain' });
    const result = await importBackup({ bytes });
    expect(result.format).toEqual({ id: 'google-authenticator-db' });
    expect(result.skipped).toEqual([]);
    expectSameAccounts(result.accounts, GOOGLE_ACCOUNTS.map(essentials));
  });

  it('Google Authenticator rows the app encrypted are skipped with what to do instead; the others import', async () => {
    const result = await importBackup({ bytes: await dumpOf(await googleAuthenticatorDbWithEncrypted()) });
    expectSameAccounts(result.accounts, [essentials(GOOGLE_ACCOUNTS[0]!)]);
    expect(result.skipped).toEqual([expect.objectContaining({ position: 2, error: { code: 'entry_encrypted_on_phone' } })]);
  });

  it('Microsoft Authenticator’s database: type 0 as TOTP, a Microsoft account (type 1, base64 secret) with 8 digits, sign-in approvals skipped', async () => {
    const bytes = await dumpOf(await microsoftAuthenticatorDb([
      { name: 'Microsoft', username: 'mason@outlook.com', secret: Buffer.from('12345678901234567890').toString('base64'), type: 1 },
      { name: 'Contoso', username: 'mason@contoso.com', secret: '', type: 2 },
    ]));
    const result = await importBackup({ bytes });
    expect(result.format).toEqual({ id: 'microsoft-authenticator-db' });
    expectSameAccounts(result.accounts, [
      ...MICROSOFT_ACCOUNTS.map(essentials),
      { type: 'totp', issuer: 'Microsoft', name: 'mason@outlook.com', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algorithm: 'SHA1', digits: 8, period: 30 },
    ]);
    expect(result.skipped).toEqual([{ position: 9, issuer: 'Contoso', name: 'mason@contoso.com', error: { code: 'entry_sign_in_approval' } }]);
  });

  it('Stratum’s own database gives exactly the reference accounts, Steam included', async () => {
    const result = await importBackup({ bytes: await dumpOf(await stratumDb()) });
    expect(result.format).toEqual({ id: 'stratum-db' });
    expect(result.skipped).toEqual([]);
    expectSameAccounts(result.accounts, reference());
  });

  it('a database sent as it is (not through the backup page) says where to open it; another app’s database names its tables', async () => {
    const raw = await appError(importBackup({ bytes: await googleAuthenticatorDb() }));
    expect([raw.code, raw.message]).toEqual(['unsupported_format', 'This is an app’s SQLite database: choose it on the backup page, which opens databases (or read it with `npm run backup -- read FILE`).']);
    const SQL = await loadSql();
    const db = new SQL.Database();
    db.run('CREATE TABLE notes (id INTEGER, text TEXT)');
    const other = await appError(importBackup({ bytes: await dumpOf(db.export()) }));
    expect([other.code, other.message]).toEqual(['unsupported_format', 'This SQLite database is not one we read (Google Authenticator’s, Microsoft Authenticator’s or Stratum’s); its tables: notes.']);
  });

  it('a damaged database is refused as damaged, and so is a file that only starts like one', async () => {
    const bytes = await googleAuthenticatorDb();
    const cut = await appError(sqliteDump(bytes.slice(0, 2048), loadSql));
    expect(cut.code).toBe('damaged_backup');
    const notSqlite = await appError(sqliteDump(new TextEncoder().encode('SQLite format 2'), loadSql));
    expect(notSqlite.code).toBe('unknown_format');
  });
});
