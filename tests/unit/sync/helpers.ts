import type { StatusStore, SyncStatus } from '@/lib/sync/service';

/** The sync status kept in memory (the extension keeps it in storage.local). */
export class MemoryStatus implements StatusStore {
  value: SyncStatus | undefined;
  async load() {
    return this.value;
  }
  async save(status: SyncStatus) {
    this.value = status;
  }
}
