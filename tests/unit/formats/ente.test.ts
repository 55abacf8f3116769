import { describe, expect, it } from 'vitest';
import { detectFormat, importBackup } from '@/lib/formats';
import { enteEncrypted } from './encrypted-exports';
import { appError, expectSameAccounts, fixture, reference } from './helpers';

const encode = (text: string) => new TextEncoder().encode(text);
const display = (value: Record<string, unknown>) => encodeURIComponent(JSON.stringify({ pinned: false, trashed: false, lastUsedAt: 0, tapCount: 0, tags: [], ...value }));

describe('Ente Auth export', () => {
  it('the plain sample gives exactly the reference accounts', async () => {
    const bytes = fixture('ente_auth.txt');
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'ente' }, kind: 'plain' });
    const result = await importBackup({ bytes });
    expect(result.format).toEqual({ id: 'ente', encrypted: false });
    expect(result.skipped).toEqual([]);
    expectSameAccounts(result.accounts, reference());
  });

  it('reads quoted lines, keeps pinned and the note from codeDisplay', async () => {
    const text = [
      `"otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno&codeDisplay=${display({ pinned: true, note: 'work laptop' })}"`,
      `otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA256&digits=7&period=20&codeDisplay=${display({})}`,
    ].join('\n');
    const { accounts } = await importBackup({ bytes: encode(text) });
    expectSameAccounts(accounts, reference(['Deno', 'SPDX']));
    expect(accounts.map((a) => [a.issuer, a.pinned, a.notes])).toEqual([
      ['Deno', true, 'work laptop'],
      ['SPDX', false, ''],
    ]);
  });

  it('a 17-character secret (Ente keeps what was typed) is read by dropping the trailing bits, as Ente does', async () => {
    const text = `otpauth://totp/Gitea:ann?secret=JBSWY3DPEHPK3PXPA&issuer=Gitea&codeDisplay=${display({})}\n`;
    const result = await importBackup({ bytes: encode(text) });
    expect(result.skipped).toEqual([]);
    expect(result.accounts.map((a) => [a.issuer, a.secret])).toEqual([['Gitea', 'JBSWY3DPEHPK3PXPA']]);
  });

  it('codes in Ente’s trash are skipped with that reason, not brought back', async () => {
    const text = `otpauth://totp/Old:x?secret=JBSWY3DPEHPK3PXP&issuer=Old&codeDisplay=${display({ trashed: true })}\notpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno&codeDisplay=${display({})}\n`;
    const result = await importBackup({ bytes: encode(text) });
    expectSameAccounts(result.accounts, reference(['Deno']));
    expect(result.skipped).toEqual([{ line: 1, error: { code: 'entry_in_trash', params: { app: 'Ente' } } }]);
  });

  it('the encrypted export opens with its password: the same codes as the plain one', async () => {
    const bytes = encode(await enteEncrypted(new TextDecoder().decode(fixture('ente_auth.txt')), 'ente password'));
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'ente' }, kind: 'encrypted' });
    expect((await appError(importBackup({ bytes }))).code).toBe('password_required');
    const result = await importBackup({ bytes }, 'ente password');
    expect(result.format).toEqual({ id: 'ente', encrypted: true });
    expectSameAccounts(result.accounts, reference());
  });

  it('a wrong password, a changed byte and absurd Argon2 costs are each said plainly', async () => {
    const file = JSON.parse(await enteEncrypted('otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno\n', 'ente password')) as Record<string, unknown>;
    expect((await appError(importBackup({ bytes: encode(JSON.stringify(file)) }, 'not it'))).code).toBe('wrong_passphrase');
    const data = Buffer.from(String(file.encryptedData), 'base64');
    data[3] = (data[3] ?? 0) ^ 0x40;
    expect((await appError(importBackup({ bytes: encode(JSON.stringify({ ...file, encryptedData: data.toString('base64') })) }, 'ente password'))).code).toBe('wrong_passphrase');
    const costly = await appError(importBackup({ bytes: encode(JSON.stringify({ ...file, kdfParams: { ...(file.kdfParams as object), memLimit: 2 ** 31 } })) }, 'ente password'));
    expect([costly.code, costly.message]).toEqual(['damaged_backup', "The Ente export's Argon2 memory (2147483648 bytes) is outside 8 KiB–1 GiB."]);
    expect((await appError(importBackup({ bytes: encode(JSON.stringify({ ...file, version: 2 })) }, 'ente password'))).code).toBe('unsupported_format');
  });
});
