import { browser } from 'wxt/browser';
import type { Vault } from '@/lib/vault/vault';
import { BACKUP_ALARM, BackupService, type BackupStatus, type DownloadsApi } from './backups';
import type { SyncEngine } from './engine';
import { VAULT_CHANGE_MESSAGES } from './messages';
import { SyncService, type OfferStore, type StatusStore, type SyncConfig, type SyncStatus } from './service';
import { StorageSyncEngine } from './storage-sync';
import { WebDavEngine } from './webdav';

/**
 * Sync's wiring to the browser. Polling design: an alarm every minute runs a round when sync is on
 * and not backing off; a change to the vault runs one 1 s later (debounced); so does an unlock and
 * opening the popup (it asks for the status with a `sync/now`). A change on one browser is thus on
 * the other within a minute, or as soon as its popup opens.
 */
export const SYNC_ALARM = 'sync-poll';
const STATUS_KEY = 'sync.status';
const DEBOUNCE_MS = 1000;

const statusStore: StatusStore = {
  async load() {
    return (await browser.storage.local.get(STATUS_KEY))[STATUS_KEY] as SyncStatus | undefined;
  },
  async save(status) {
    await browser.storage.local.set({ [STATUS_KEY]: status });
  },
};

function engineFor(config: SyncConfig): SyncEngine {
  if (config.engine === 'webdav' && config.webdav) return new WebDavEngine(config.webdav);
  return new StorageSyncEngine(browser.storage.sync);
}

const BACKUP_STATUS_KEY = 'backups.status';
const OFFER_KEY = 'sync.offerSettled';

const offer: OfferStore = {
  settled: async () => (await browser.storage.local.get(OFFER_KEY))[OFFER_KEY] === true,
  settle: () => browser.storage.local.set({ [OFFER_KEY]: true }),
};

export function createBrowserSync(vault: Vault): { sync: SyncService; backups: BackupService; afterMessage(type: unknown): void; onAlarm(name: string): void } {
  const backups = new BackupService({
    vault,
    downloads: () => ((browser as { downloads?: unknown }).downloads as DownloadsApi | undefined) ?? null,
    status: {
      load: async () => (await browser.storage.local.get(BACKUP_STATUS_KEY))[BACKUP_STATUS_KEY] as BackupStatus | undefined,
      save: (status) => browser.storage.local.set({ [BACKUP_STATUS_KEY]: status }),
    },
    onEnabled: () => offer.settle(),
    schedule: (hours) => void (hours ? browser.alarms.create(BACKUP_ALARM, { periodInMinutes: hours * 60 }) : browser.alarms.clear(BACKUP_ALARM)),
  });
  const sync = new SyncService({ vault, status: statusStore, engineFor, backupsOn: async () => (await backups.status()).enabled, offer });
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ifDue = async () => {
    if (await sync.due()) await sync.syncNow();
  };
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void ifDue(), DEBOUNCE_MS);
  };
  return {
    sync,
    backups,
    afterMessage(type) {
      if (type === 'vault/unlock') {
        void sync.unlocked().then(soon);
        void backups.catchUp();
      }
      else if (typeof type === 'string' && VAULT_CHANGE_MESSAGES.has(type)) {
        soon();
        backups.changed();
      }
    },
    onAlarm(name) {
      if (name === SYNC_ALARM) void ifDue();
      if (name === BACKUP_ALARM) void backups.runNow(false);
    },
  };
}
