import { AppError } from '@/lib/errors';
import type { HandlersOf } from '@/lib/messaging/types';
import type { SYNC_SENDERS, SyncProtocol } from './messages';
import type { SyncService } from './service';
import type { BackupService } from './backups';
import { checkWebDavUrl } from './webdav';

export interface SyncDeps {
  /** Absent where sync is not wired (unit tests of other features). */
  sync?: SyncService;
  backups?: BackupService;
}

export function createSyncHandlers(deps: SyncDeps): HandlersOf<SyncProtocol, typeof SYNC_SENDERS> {
  const unavailable = () => {
    throw new AppError('internal', 'Sync is not available here.');
  };
  const sync: SyncService = deps.sync ?? new Proxy({} as SyncService, { get: unavailable });
  const backups: BackupService = deps.backups ?? new Proxy({} as BackupService, { get: unavailable });
  return {
    async 'sync/status'() {
      return sync.status();
    },
    async 'sync/settings'() {
      return sync.settings();
    },
    async 'sync/enable'(request) {
      const engine = request.engine === 'webdav' || request.engine === 'browser' ? request.engine : null;
      if (!engine) throw new AppError('unknown_sync_engine', 'Unknown sync engine.');
      let webdav;
      if (engine === 'webdav') {
        const given = request.webdav;
        if (!given || typeof given.url !== 'string' || typeof given.user !== 'string' || typeof given.password !== 'string') {
          throw new AppError('sync_setup_incomplete', 'Give the WebDAV address, user name and app password.');
        }
        webdav = { url: checkWebDavUrl(given.url), user: given.user, password: given.password };
      }
      return sync.enable({
        engine,
        webdav,
        deviceName: String(request.deviceName ?? ''),
        passphrase: typeof request.passphrase === 'string' && request.passphrase ? request.passphrase : undefined,
        confirmJoin: request.confirmJoin === true,
      });
    },
    async 'sync/disable'() {
      return sync.disable();
    },
    async 'sync/now'() {
      return sync.syncNow();
    },
    async 'sync/dismissOffer'() {
      return sync.dismissOffer();
    },
    async 'backups/status'() {
      return backups.status();
    },
    async 'backups/configure'({ enabled, password, intervalHours, keep }) {
      return backups.configure({ enabled: enabled === true, password: typeof password === 'string' ? password : undefined, intervalHours: Number(intervalHours), keep: Number(keep) });
    },
    async 'backups/now'() {
      return backups.runNow(true);
    },
    async 'backups/check'({ data, fileName, password }) {
      return backups.check(String(data), typeof fileName === 'string' ? fileName : undefined, typeof password === 'string' ? password : undefined);
    },
  };
}
