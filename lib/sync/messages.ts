import type { SendersOf } from '@/lib/messaging/types';
import type { BackupCheck, BackupStatus } from './backups';
import type { EnableResult, EngineKind, SyncStatus } from './service';
import type { WebDavConfig } from './webdav';

export interface SyncSettingsView {
  engine: EngineKind;
  url: string;
  user: string;
  deviceName: string;
}

export interface EnableRequest {
  engine: EngineKind;
  webdav?: WebDavConfig;
  deviceName: string;
  /** The synced vault's passphrase, when the server holds another vault. */
  passphrase?: string;
  /** The person confirmed the union of both vaults. */
  confirmJoin?: boolean;
}

/** Messages of sync (extension pages only). */
export interface SyncProtocol {
  /** Readable while locked: no secret, no server address. */
  'sync/status': { request: null; response: SyncStatus };
  'sync/settings': { request: null; response: SyncSettingsView | null };
  'sync/enable': { request: EnableRequest; response: EnableResult };
  'sync/disable': { request: null; response: SyncStatus };
  /** Runs a round now (or waits for the running one). */
  'sync/now': { request: null; response: SyncStatus };
  /** Automatic backups into the downloads folder. */
  'backups/status': { request: null; response: BackupStatus };
  'backups/configure': { request: { enabled: boolean; password?: string; intervalHours: number; keep: number }; response: BackupStatus };
  'backups/now': { request: null; response: BackupStatus };
  /** The person dismissed the one-time "turn on sync or backups" offer. */
  'sync/dismissOffer': { request: null; response: SyncStatus };
  /** Opens a backup file and compares it with the vault; nothing is imported. */
  'backups/check': { request: { data: string; fileName?: string; password?: string }; response: BackupCheck };
}

const PAGES = ['extension-page'] as const;

export const SYNC_SENDERS = {
  'sync/status': PAGES,
  'sync/settings': PAGES,
  'sync/enable': PAGES,
  'sync/disable': PAGES,
  'sync/now': PAGES,
  'sync/dismissOffer': PAGES,
  'backups/status': PAGES,
  'backups/configure': PAGES,
  'backups/now': PAGES,
  'backups/check': PAGES,
} as const satisfies SendersOf<SyncProtocol>;

/** Messages after which the vault's accounts may have changed: a sync round follows shortly. */
export const VAULT_CHANGE_MESSAGES: ReadonlySet<string> = new Set([
  'accounts/add',
  'accounts/update',
  'accounts/reorder',
  'accounts/delete',
  'accounts/undoDelete',
  'accounts/hotpNext',
  'backup/import',
  'vault/changePassphrase',
  'vault/setKdf',
  'enrol/add',
]);
