import { describe, expect, it } from 'vitest';
import { detectFormat, importBackup } from '@/lib/formats';
import { appError, expectSameAccounts, reference } from './helpers';
import { keepassFile, PASSWORD_ONLY, REFERENCE_ENTRIES } from './keepass-files';

const PASSWORD = 'keepass master · password';

describe('KeePass databases', () => {
  it('KDBX 4 (Argon2id): every way apps keep a code gives the reference accounts; passwords and the recycle bin are left out', async () => {
    const recycled = { title: 'Old', user: 'gone', fields: { otp: 'otpauth://totp/Old:gone?secret=JBSWY3DPEHPK3PXP' } };
    const bytes = await keepassFile(PASSWORD, [...REFERENCE_ENTRIES, PASSWORD_ONLY], { version: 4, recycled: [recycled] });
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'keepass' }, kind: 'encrypted' });
    const result = await importBackup({ bytes }, PASSWORD);
    expect(result.format).toEqual({ id: 'keepass', version: '4' });
    expect(result.skipped).toEqual([]);
    expectSameAccounts(result.accounts, reference());
  });

  it('KDBX 3.1 (AES-KDF) gives the same accounts', async () => {
    const bytes = await keepassFile(PASSWORD, REFERENCE_ENTRIES, { version: 3 });
    const result = await importBackup({ bytes }, PASSWORD);
    expect(result.format).toEqual({ id: 'keepass', version: '3.1' });
    expectSameAccounts(result.accounts, reference());
  });

  it('asks for the password, says “wrong password”, and tells damage apart', async () => {
    const bytes = await keepassFile(PASSWORD, REFERENCE_ENTRIES.slice(0, 2), { version: 4 });
    expect((await appError(importBackup({ bytes }))).code).toBe('password_required');
    const wrong = await appError(importBackup({ bytes }, 'not it'));
    expect(wrong.code).toBe('wrong_passphrase');
    expect(wrong.message).toMatch(/^Wrong password for this KeePass database/);
    expect((await appError(importBackup({ bytes: bytes.slice(0, 200) }, PASSWORD))).code).toBe('damaged_backup');
    const kdb1 = Uint8Array.from([0x03, 0xd9, 0xa2, 0x9a, 0x65, 0xfb, 0x4b, 0xb5, ...new Array(120).fill(0)]);
    const old = await appError(importBackup({ bytes: kdb1 }, PASSWORD));
    expect([old.code, old.message]).toEqual(['unsupported_format', 'This is a KeePass 1 database (.kdb): open it in KeePass 2 or KeePassXC and save it as .kdbx, then import that.']);
  });

  it('an entry with an unreadable code is skipped with its title and the reason; the others import', async () => {
    const broken = { title: 'Broken', user: 'x', fields: { otp: 'otpauth://totp/Broken:x?secret=not*base32' } };
    const result = await importBackup({ bytes: await keepassFile(PASSWORD, [REFERENCE_ENTRIES[1]!, broken], { version: 4 }) }, PASSWORD);
    expectSameAccounts(result.accounts, reference(['SPDX']));
    expect(result.skipped).toEqual([{ position: 2, issuer: 'Broken', name: 'x', error: { code: 'bad_base32', params: { character: '*', position: 4 } } }]);
  });

  it('Argon2 costs beyond what KeePass sets are refused before any work', async () => {
    const bytes = await keepassFile(PASSWORD, REFERENCE_ENTRIES.slice(0, 1), { version: 4, argon2: { memoryKiB: 1024, iterations: 2 } });
    // Raise the memory in the header to 4 GiB: the file is then damaged (its header hash no longer matches) and costly.
    const text = Buffer.from(bytes);
    const at = text.indexOf(Buffer.concat([Buffer.from([0x05, 0x01, 0x00, 0x00, 0x00]), Buffer.from('M'), Buffer.from([0x08, 0x00, 0x00, 0x00])]));
    expect(at).toBeGreaterThan(0);
    text.writeBigUInt64LE(4n * 1024n ** 3n, at + 10);
    const error = await appError(importBackup({ bytes: new Uint8Array(text) }, PASSWORD));
    expect(error.code).toBe('damaged_backup');
    expect(error.message).toMatch(/Argon2 costs \(4194304 KiB/);
  });
});
