import { AppError, serializeError, type SerializedError } from '@/lib/errors';
import { writeAegisBackup } from '@/lib/formats/aegis-export';
import { importBackup } from '@/lib/formats';
import type { ImportFormat } from '@/lib/formats/types';
import { planAdd } from '@/lib/otp/account';
import type { Account } from '@/lib/otp/account';
import { fromBase64, toBase64, utf8 } from '@/lib/vault/bytes';
import type { Vault } from '@/lib/vault/vault';
import { canonical } from './merge';
import { openEntry, sealEntry } from './service';
import { sha256 } from '@/lib/vault/crypto';

/**
 * Automatic backups: our encrypted Aegis-format export, written through the downloads API into a
 * folder of its own, on a schedule and shortly after changes, keeping the last N files. The backup
 * password is the person's choice, stored sealed under the vault key (backups run while unlocked,
 * since only then can the accounts be read). A backup is skipped when nothing changed since the last.
 */

export const BACKUP_FOLDER = 'Keyring backups';
export const BACKUP_ALARM = 'auto-backup';
const CONFIG = 'backup-config';
export const MIN_BACKUP_PASSWORD = 8;
export const INTERVAL_CHOICES_HOURS = [1, 6, 24, 168] as const;

interface BackupConfig {
  password: string;
  intervalHours: number;
  keep: number;
  /** Canonical digest of the accounts last backed up (sealed with the rest). */
  lastDigest: string | null;
}

export interface BackupStatus {
  enabled: boolean;
  intervalHours: number;
  keep: number;
  lastBackupAt: number | null;
  lastFile: string | null;
  lastError: SerializedError | null;
}

export interface DownloadsApi {
  download(options: { url: string; filename: string; conflictAction: 'uniquify'; saveAs: false }): Promise<number>;
  search(query: { filenameRegex: string; orderBy: string[]; exists: boolean }): Promise<{ id: number; filename: string; startTime: string }[]>;
  removeFile(id: number): Promise<void>;
  erase(query: { id: number }): Promise<unknown>;
}

export interface BackupStatusStore {
  load(): Promise<BackupStatus | undefined>;
  save(status: BackupStatus): Promise<void>;
}

export const BACKUPS_OFF: BackupStatus = { enabled: false, intervalHours: 24, keep: 10, lastBackupAt: null, lastFile: null, lastError: null };

export interface BackupCheck {
  /** Which format the file is, as data (lib/formats/wording.ts words it). */
  format: ImportFormat;
  inBackup: number;
  inVault: number;
  /** In the vault, not in the backup (by issuer, name and secret). */
  missing: { issuer: string; name: string }[];
  /** In the backup, not in the vault. */
  extra: { issuer: string; name: string }[];
}

export class BackupService {
  private timer: unknown;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      vault: Vault;
      downloads(): DownloadsApi | null;
      status: BackupStatusStore;
      schedule(intervalHours: number | null): void;
      now?: () => number;
      debounceMs?: number;
      /** Called when backups are turned on (settles the one-time offer of lib/sync/service). */
      onEnabled?(): Promise<void>;
      /** setTimeout/clearTimeout unless given (tests drive the debounce by hand). */
      timers?: { set(run: () => void, ms: number): unknown; clear(handle: unknown): void };
    },
  ) {}

  async status(): Promise<BackupStatus> {
    return (await this.deps.status.load()) ?? BACKUPS_OFF;
  }

  async configure(request: { enabled: boolean; password?: string; intervalHours: number; keep: number }): Promise<BackupStatus> {
    const { key } = await this.deps.vault.syncAccess();
    if (!request.enabled) {
      await this.deps.vault.applySync([], [], [{ key: CONFIG, value: undefined }]);
      this.deps.schedule(null);
      const status = { ...(await this.status()), enabled: false };
      await this.deps.status.save(status);
      return status;
    }
    const intervalHours = INTERVAL_CHOICES_HOURS.includes(request.intervalHours as 24) ? request.intervalHours : 24;
    const keep = Math.min(100, Math.max(1, Math.round(Number(request.keep) || 10)));
    const previous = await this.config(key);
    const password = request.password || previous?.password;
    if (!password || password.length < MIN_BACKUP_PASSWORD) {
      throw new AppError('weak_backup_password', `The backup password must have at least ${MIN_BACKUP_PASSWORD} characters.`, { min: MIN_BACKUP_PASSWORD });
    }
    if (!this.deps.downloads()) throw new AppError('backup_needs_downloads', 'Saving backups needs the downloads permission.');
    await this.deps.vault.applySync([], [], [await sealEntry(key, CONFIG, { password, intervalHours, keep, lastDigest: null } satisfies BackupConfig)]);
    this.deps.schedule(intervalHours);
    await this.deps.onEnabled?.();
    await this.deps.status.save({ ...(await this.status()), enabled: true, intervalHours, keep, lastError: null });
    return this.runNow(true);
  }

  /** After an unlock: the backup an alarm could not make while the vault was locked. */
  async catchUp(): Promise<void> {
    const status = await this.status();
    const now = (this.deps.now ?? Date.now)();
    if (status.enabled && (status.lastBackupAt === null || now - status.lastBackupAt >= status.intervalHours * 3_600_000)) await this.runNow(false);
  }

  /** After a change to the vault: one backup a little later, however many changes come meanwhile. */
  changed(): void {
    const timers = this.deps.timers ?? { set: (run: () => void, ms: number) => setTimeout(run, ms), clear: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };
    timers.clear(this.timer);
    this.timer = timers.set(() => void this.runNow(false), this.deps.debounceMs ?? 5_000);
  }

  /** Writes a backup when something changed since the last one (or `force`); prunes to the last N. One at a time. */
  runNow(force: boolean): Promise<BackupStatus> {
    const next = this.queue.then(() => this.runOnce(force));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runOnce(force: boolean): Promise<BackupStatus> {
    const before = await this.status();
    let access;
    try {
      access = await this.deps.vault.syncAccess();
    } catch {
      return before; // locked: the next unlock or alarm tries again
    }
    const config = await this.config(access.key);
    if (!config) return before;
    const accounts = [...access.accounts.values()];
    // An empty vault is not backed up: its backup would only push a useful one out of the last N.
    if (accounts.length === 0) return before;
    const digest = await digestOf(accounts);
    if (!force && digest === config.lastDigest) return before;
    try {
      const downloads = this.deps.downloads();
      if (!downloads) throw new AppError('backup_needs_downloads', 'Saving backups needs the downloads permission.');
      const text = await writeAegisBackup(accounts, config.password);
      const now = (this.deps.now ?? Date.now)();
      const stamp = new Date(now).toISOString().replace(/\..*$/, '').replace(/:/g, '-');
      const filename = `${BACKUP_FOLDER}/keyring-backup-${stamp}.json`;
      const id = await downloads.download({ url: `data:application/json;base64,${toBase64(utf8(text))}`, filename, conflictAction: 'uniquify', saveAs: false });
      await this.prune(downloads, config.keep, id);
      await this.deps.vault.applySync([], [], [await sealEntry(access.key, CONFIG, { ...config, lastDigest: digest })]);
      const status: BackupStatus = { enabled: true, intervalHours: config.intervalHours, keep: config.keep, lastBackupAt: now, lastFile: filename, lastError: null };
      await this.deps.status.save(status);
      return status;
    } catch (error) {
      const status = { ...before, lastError: serializeError(error) };
      await this.deps.status.save(status);
      return status;
    }
  }

  /** Compares a backup file with the vault without importing anything. */
  async check(data: string, fileName: string | undefined, password: string | undefined): Promise<BackupCheck> {
    let bytes: Uint8Array;
    try {
      bytes = fromBase64(data);
    } catch {
      throw new AppError('damaged_backup', 'The file could not be read.');
    }
    const result = await importBackup({ bytes, fileName }, password || undefined);
    const { accounts } = await this.deps.vault.contents();
    const extra = planAdd(accounts, result.accounts).add;
    const missing = planAdd(result.accounts, accounts).add;
    const view = (a: { issuer: string; name: string }) => ({ issuer: a.issuer, name: a.name });
    return { format: result.format, inBackup: result.accounts.length, inVault: accounts.length, missing: missing.map(view), extra: extra.map(view) };
  }

  /** Keeps the new backup (`newId`, maybe still being written, so not yet findable by name) and the newest `keep − 1` others. */
  private async prune(downloads: DownloadsApi, keep: number, newId: number): Promise<void> {
    const items = await downloads.search({ filenameRegex: 'keyring-backup-[0-9T-]+( ?\\([0-9]+\\))?\\.json$', orderBy: ['-startTime'], exists: true });
    const ours = items.filter((item) => item.id !== newId && item.filename.replace(/\\/g, '/').includes(`/${BACKUP_FOLDER}/`));
    for (const old of ours.slice(keep - 1)) {
      await downloads.removeFile(old.id).catch(() => undefined);
      await downloads.erase({ id: old.id }).catch(() => undefined);
    }
  }

  private async config(key: CryptoKey): Promise<BackupConfig | undefined> {
    return openEntry<BackupConfig>(key, CONFIG, await this.deps.vault.readSyncEntry(CONFIG));
  }
}

async function digestOf(accounts: Account[]): Promise<string> {
  const text = accounts.map((a) => canonical(a)).sort().join('\n');
  return toBase64(await sha256(utf8(text)));
}
