import { AppError } from '@/lib/errors';
import type { HandlersOf } from '@/lib/messaging/types';
import type { AccountDraft } from '@/lib/otp/account';
import { toOtpauthUri } from '@/lib/otp/uri';
import { fromBase64 } from '@/lib/vault/bytes';
import type { BackgroundDeps } from '@/lib/vault/handlers';
import { writeAegisBackup, writeAegisPlain } from './aegis-export';
import { planAdd } from '@/lib/otp/account';
import { importBackup } from './index';
import type { BACKUP_SENDERS, BackupProtocol } from './messages';

/** Browser capabilities these handlers need, given by entrypoints/background.ts (kept out so lib/ stays testable). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- nothing beyond the vault yet
export interface BackupDeps {}

/** A previewed file waits this long for the person to confirm. */
const PREVIEW_TTL_MS = 10 * 60_000;
const MIN_BACKUP_PASSWORD = 8;

export function createBackupHandlers(deps: BackgroundDeps & BackupDeps): HandlersOf<BackupProtocol, typeof BACKUP_SENDERS> {
  const { vault } = deps;
  const now = deps.now ?? Date.now;
  const pending = new Map<string, { add: AccountDraft[]; duplicates: AccountDraft[]; expiresAt: number }>();

  const stamp = () => new Date(now()).toISOString().slice(0, 10);

  return {
    async 'backup/preview'({ data, fileName, password }) {
      let bytes: Uint8Array;
      try {
        bytes = fromBase64(data);
      } catch {
        throw new AppError('damaged_backup', 'The file could not be read.');
      }
      const result = await importBackup({ bytes, fileName }, password || undefined);
      const { accounts } = await vault.contents();
      const planned = planAdd(accounts, result.accounts);
      const plan = { add: planned.add, duplicates: planned.duplicates.map((d) => d.account) };
      for (const [token, entry] of pending) if (entry.expiresAt < now()) pending.delete(token);
      const token = crypto.randomUUID();
      pending.set(token, { ...plan, expiresAt: now() + PREVIEW_TTL_MS });
      const view = (duplicate: boolean) => (a: AccountDraft) => ({ issuer: a.issuer, name: a.name, type: a.type, duplicate });
      return {
        token,
        format: result.format,
        entries: [...plan.add.map(view(false)), ...plan.duplicates.map(view(true))],
        skipped: result.skipped,
      };
    },

    async 'backup/import'({ token, includeDuplicates }) {
      const entry = pending.get(token);
      if (!entry || entry.expiresAt < now()) throw new AppError('preview_expired', 'This import preview has expired: choose the file again.');
      pending.delete(token);
      const drafts = includeDuplicates ? [...entry.add, ...entry.duplicates] : entry.add;
      await vault.add(drafts); // one transaction: all or nothing
      return { added: drafts.length };
    },

    async 'backup/export'(request) {
      await vault.verifyPassphrase(request.vaultPassphrase);
      const { accounts } = await vault.contents();
      if (request.format === 'aegis-encrypted') {
        if (request.password.length < MIN_BACKUP_PASSWORD) throw new AppError('weak_backup_password', `The backup password must have at least ${MIN_BACKUP_PASSWORD} characters.`, { min: MIN_BACKUP_PASSWORD });
        return { fileName: `keyring-backup-${stamp()}.json`, mimeType: 'application/json', text: await writeAegisBackup(accounts, request.password) };
      }
      if (request.acknowledgePlain !== true) throw new AppError('plain_export_unconfirmed', 'A plain export must be confirmed.');
      if (request.format === 'aegis-plain') return { fileName: `keyring-PLAIN-${stamp()}.json`, mimeType: 'application/json', text: await writeAegisPlain(accounts) };
      return { fileName: `keyring-PLAIN-${stamp()}.txt`, mimeType: 'text/plain', text: accounts.map(toOtpauthUri).join('\n') + '\n' };
    },
  };
}
