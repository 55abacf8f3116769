import { describe, expect, it } from 'vitest';
import { detectFormat, importBackup } from '@/lib/formats';
import { FREEOTP_ACCOUNTS } from './app-files';
import { freeOtp2Backup } from './freeotp2-files';
import { appError, essentials, expectSameAccounts } from './helpers';

describe('FreeOTP 2 encrypted backup', () => {
  it('gives the reference accounts, counters as FreeOTP 2 keeps them, on every Android API’s map layout and both KDF hashes', async () => {
    for (const options of [{ withThreshold: false }, { withThreshold: true }, { algorithm: 'PBKDF2withHmacSHA1' }]) {
      const bytes = freeOtp2Backup('freeotp password', options);
      expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'freeotp2' }, kind: 'encrypted' });
      const result = await importBackup({ bytes }, 'freeotp password');
      expect(result.format).toEqual({ id: 'freeotp', encrypted: true });
      expect(result.skipped).toEqual([]);
      expectSameAccounts(result.accounts, FREEOTP_ACCOUNTS.map(essentials));
    }
  });

  it('asks for the password, says “wrong password”, and names damage', async () => {
    const bytes = freeOtp2Backup('freeotp password');
    expect((await appError(importBackup({ bytes }))).code).toBe('password_required');
    expect((await appError(importBackup({ bytes }, 'not it'))).message).toBe('Wrong password for this FreeOTP backup (or the file was changed).');
    const cut = await appError(importBackup({ bytes: bytes.slice(0, bytes.length / 2) }, 'freeotp password'));
    expect([cut.code, cut.message]).toEqual(['damaged_backup', 'The FreeOTP backup is damaged: it is cut short.']);
  });
});
