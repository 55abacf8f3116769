import { describe, expect, it } from 'vitest';
import { createBackupHandlers } from '@/lib/formats/handlers';
import type { ContentScriptSender, ExtensionPageSender } from '@/lib/messaging/types';
import { makeDraft } from '@/lib/otp/account';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';
import { toBase64 } from '@/lib/vault/bytes';
import { makeVault, TEST_COST } from '../vault/helpers';
import { routeTo } from '../support/route';

// Every backup message: what it does for the backup page, that the router refuses a page's content script
// (the protocol map's senders), and the error code bad input gets.
const BACKUP_PAGE: ExtensionPageSender = { kind: 'extension-page', url: 'chrome-extension://x/backup.html' };
const PAGE: ContentScriptSender = { kind: 'content-script', url: 'https://evil.example/', origin: 'https://evil.example', tabId: 1, frameId: 0, topUrl: 'https://evil.example/' };
const PASSPHRASE = 'test passphrase';
const LIST = 'otpauth://totp/Forge:alice?secret=JBSWY3DPEHPK3PXP&issuer=Forge\notpauth://totp/Bank:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Bank\n';
const file = (text: string) => toBase64(new TextEncoder().encode(text));

async function setup() {
  const clock = { now: Date.parse('2026-11-30T06:00:00Z') };
  const { vault } = await makeVault(clock);
  await vault.create(PASSPHRASE, TEST_COST);
  const handlers = createBackupHandlers({ vault, loadSettings: async () => DEFAULT_SETTINGS, now: () => clock.now });
  return { vault, clock, route: routeTo(handlers) };
}

describe('backup/preview and backup/import', () => {
  it('previews a file without adding anything, then imports it, marking what is already in the vault', async () => {
    const { vault, route } = await setup();
    await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Forge', name: 'alice' })]);
    const preview = await route('backup/preview', { data: file(LIST), fileName: 'codes.txt' }, BACKUP_PAGE);
    expect(preview.entries).toEqual([
      { issuer: 'Bank', name: 'bob', type: 'totp', duplicate: false },
      { issuer: 'Forge', name: 'alice', type: 'totp', duplicate: true },
    ]);
    expect((await vault.contents()).accounts).toHaveLength(1);
    expect(await route('backup/import', { token: preview.token, includeDuplicates: false }, BACKUP_PAGE)).toEqual({ added: 1 });
    expect((await vault.contents()).accounts.map((a) => a.issuer).sort()).toEqual(['Bank', 'Forge']);
    // A preview is used once.
    await expect(route('backup/import', { token: preview.token, includeDuplicates: false }, BACKUP_PAGE)).rejects.toMatchObject({ code: 'preview_expired' });
  });

  it('refuses bytes that are not base64, and a file of no known format, with their codes', async () => {
    const { route } = await setup();
    await expect(route('backup/preview', { data: '***not base64***' }, BACKUP_PAGE)).rejects.toMatchObject({ code: 'damaged_backup' });
    await expect(route('backup/preview', { data: file('hello, world'), fileName: 'notes.txt' }, BACKUP_PAGE)).rejects.toMatchObject({ code: 'unknown_text_file' });
  });

  it('an expired or made-up preview imports nothing', async () => {
    const { vault, clock, route } = await setup();
    const preview = await route('backup/preview', { data: file(LIST), fileName: 'codes.txt' }, BACKUP_PAGE);
    clock.now += 10 * 60_000 + 1;
    await expect(route('backup/import', { token: preview.token, includeDuplicates: true }, BACKUP_PAGE)).rejects.toMatchObject({ code: 'preview_expired' });
    await expect(route('backup/import', { token: 'made-up', includeDuplicates: true }, BACKUP_PAGE)).rejects.toMatchObject({ code: 'preview_expired' });
    expect((await vault.contents()).accounts).toEqual([]);
  });

  it('are refused to a page', async () => {
    const { vault, route } = await setup();
    await expect(route('backup/preview', { data: file(LIST), fileName: 'codes.txt' }, PAGE)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(route('backup/import', { token: 'x', includeDuplicates: true }, PAGE)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await vault.contents()).accounts).toEqual([]);
  });
});

describe('backup/export', () => {
  it('writes an encrypted Aegis backup that previews back with its password', async () => {
    const { vault, route } = await setup();
    await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Forge', name: 'alice' })]);
    const out = await route('backup/export', { format: 'aegis-encrypted', password: 'backup password', vaultPassphrase: PASSPHRASE }, BACKUP_PAGE);
    expect(out).toMatchObject({ fileName: 'keyring-backup-2026-11-30.json', mimeType: 'application/json' });
    expect(out.text).not.toContain('JBSWY3DPEHPK3PXP');
    const preview = await route('backup/preview', { data: file(out.text), fileName: out.fileName, password: 'backup password' }, BACKUP_PAGE);
    expect(preview.entries).toEqual([{ issuer: 'Forge', name: 'alice', type: 'totp', duplicate: true }]);
  });

  it('writes a plain list only when confirmed', async () => {
    const { vault, route } = await setup();
    await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Forge', name: 'alice' })]);
    const out = await route('backup/export', { format: 'otpauth-list', vaultPassphrase: PASSPHRASE, acknowledgePlain: true }, BACKUP_PAGE);
    expect(out).toMatchObject({ fileName: 'keyring-PLAIN-2026-11-30.txt', mimeType: 'text/plain' });
    expect(out.text).toMatch(/^otpauth:\/\/totp\/.*secret=JBSWY3DPEHPK3PXP/);
    const unconfirmed = JSON.parse(`{"format":"aegis-plain","vaultPassphrase":"${PASSPHRASE}"}`) as { format: 'aegis-plain'; vaultPassphrase: string; acknowledgePlain: true };
    await expect(route('backup/export', unconfirmed, BACKUP_PAGE)).rejects.toMatchObject({ code: 'plain_export_unconfirmed' });
  });

  it('refuses a wrong vault passphrase and a short backup password with their codes', async () => {
    const { route } = await setup();
    await expect(route('backup/export', { format: 'aegis-encrypted', password: 'backup password', vaultPassphrase: 'wrong' }, BACKUP_PAGE)).rejects.toMatchObject({ code: 'wrong_passphrase' });
    await expect(route('backup/export', { format: 'aegis-encrypted', password: 'short', vaultPassphrase: PASSPHRASE }, BACKUP_PAGE)).rejects.toMatchObject({ code: 'weak_backup_password' });
  });

  it('is refused to a page, which learns nothing', async () => {
    const { vault, route } = await setup();
    await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Forge', name: 'alice' })]);
    await expect(route('backup/export', { format: 'otpauth-list', vaultPassphrase: PASSPHRASE, acknowledgePlain: true }, PAGE)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
