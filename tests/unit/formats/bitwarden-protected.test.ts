import { describe, expect, it } from 'vitest';
import { detectFormat, importBackup } from '@/lib/formats';
import { appError, bitwardenProtectedExport, expectSameAccounts, fixture, reference } from './helpers';

const PASSWORD = 'correct horse · battery';

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const SAMPLE = JSON.parse(new TextDecoder().decode(fixture('bitwarden.json'))) as unknown;

describe('Bitwarden password-protected JSON export', () => {
  it('PBKDF2 (600,000 iterations): decrypts the real sample export inside into the reference accounts', async () => {
    const bytes = encode(await bitwardenProtectedExport(SAMPLE, PASSWORD));
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'bitwarden' }, kind: 'encrypted' });
    const result = await importBackup({ bytes }, PASSWORD);
    expect(result.format).toEqual({ id: 'bitwarden-json', encrypted: true });
    expectSameAccounts(result.accounts.filter((a) => a.type !== 'steam'), reference(['Deno', 'SPDX', 'Airbnb']));
  });

  it('Argon2id (salt hashed with SHA-256, memory in MiB) opens too', async () => {
    const bytes = encode(await bitwardenProtectedExport(SAMPLE, PASSWORD, { kdfType: 1, kdfIterations: 3, kdfMemory: 16, kdfParallelism: 2 }));
    const result = await importBackup({ bytes }, PASSWORD);
    expectSameAccounts(result.accounts.filter((a) => a.type !== 'steam'), reference(['Deno', 'SPDX', 'Airbnb']));
  });

  it('no password asks for one; a wrong one says “wrong password”', async () => {
    const bytes = encode(await bitwardenProtectedExport(SAMPLE, PASSWORD, { kdfType: 0, kdfIterations: 5_000 }));
    expect((await appError(importBackup({ bytes }))).code).toBe('password_required');
    const wrong = await appError(importBackup({ bytes }, 'not it'));
    expect([wrong.code, wrong.message]).toEqual(['wrong_passphrase', 'Wrong password for this Bitwarden export.']);
  });

  it('changed vault data under the right password is a damaged file, not a wrong password', async () => {
    const file = await bitwardenProtectedExport(SAMPLE, PASSWORD, { kdfType: 0, kdfIterations: 5_000 });
    const [iv, data, mac] = file.data.slice(2).split('|') as [string, string, string];
    const bytes = Buffer.from(data, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    const error = await appError(importBackup({ bytes: encode({ ...file, data: `2.${iv}|${bytes.toString('base64')}|${mac}` }) }, PASSWORD));
    expect([error.code, error.message]).toEqual(['damaged_backup', 'The Bitwarden export was changed or damaged: its vault data failed authentication.']);
  });

  it('refuses KDF costs outside Bitwarden’s own limits before deriving anything', async () => {
    const file = await bitwardenProtectedExport(SAMPLE, PASSWORD, { kdfType: 0, kdfIterations: 5_000 });
    for (const kdf of [{ kdfIterations: 1 }, { kdfIterations: 1e12 }, { kdfType: 1, kdfIterations: 3, kdfMemory: 1e9, kdfParallelism: 4 }]) {
      const error = await appError(importBackup({ bytes: encode({ ...file, ...kdf }) }, PASSWORD));
      expect(error.code).toBe('damaged_backup');
      expect(error.message).toMatch(/outside/);
    }
    expect((await appError(importBackup({ bytes: encode({ ...file, kdfType: 7 }) }, PASSWORD))).code).toBe('unsupported_format');
  });

  it('an export locked to a Bitwarden account says which export to make instead', async () => {
    const error = await appError(importBackup({ bytes: encode({ encrypted: true, encKeyValidation_DO_NOT_EDIT: '2.a|b|c', folders: [], items: [] }) }));
    expect(error.code).toBe('unsupported_format');
    expect(error.message).toMatch(/Password protected/);
  });
});
