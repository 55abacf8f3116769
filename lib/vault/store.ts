import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Argon2idParams } from './kdf';
import type { Sealed } from './crypto';

/** The unlock limiter's state (lib/vault/vault.ts counts; this store keeps it). */
export interface AttemptState {
  failures: number;
  /** Epoch ms before which another unlock attempt is refused. */
  retryAt: number;
}

export interface AttemptStore {
  load(): Promise<AttemptState>;
  save(state: AttemptState): Promise<void>;
}

/**
 * The vault on disk (IndexedDB of the extension's origin, which only the extension's own pages and worker
 * can open: a content script runs in the page's origin). Only ciphertext and KDF parameters are stored
 * here: every account field lives inside `ciphertext`, and so does anything naming a site (`private`).
 * `state` holds what is not secret but must not be changed by a page: settings, the unlock limiter.
 */

export const VAULT_FORMAT_VERSION = 1;

export interface VaultMeta {
  formatVersion: number;
  kdf: Argon2idParams;
  /** The 256-bit master key, sealed by the passphrase-derived key. */
  wrappedKey: Sealed;
  createdAt: number;
  passphraseChangedAt: number;
}

export interface EncryptedRecord extends Sealed {
  id: string;
  updatedAt: number;
}

/** A value sealed under the master key, named (e.g. `siteChoices`); the name is bound as additional data. */
export type PrivateRecord = Sealed;

interface VaultSchema extends DBSchema {
  meta: { key: 'vault'; value: VaultMeta };
  accounts: { key: string; value: EncryptedRecord };
  state: { key: string; value: unknown };
  private: { key: string; value: PrivateRecord };
  /** Sync's own state (lib/sync), sealed by the caller; written in the same transaction as the accounts it describes. */
  sync: { key: string; value: unknown };
}

/** One value of the `sync` store to put (value) or delete (undefined). */
export interface SyncEntry {
  key: string;
  value: unknown;
}

/** The `state` key of the unlock limiter (failures counted, time of the next allowed check). */
export const UNLOCK_ATTEMPTS_KEY = 'unlockAttempts';

/** Plain values only the extension reaches (settings, the unlock limiter). */
export interface StateStore {
  getState(key: string): Promise<unknown>;
  putState(key: string, value: unknown): Promise<void>;
}

export type VaultDb = IDBPDatabase<VaultSchema>;

export function openVaultDb(name = 'keyring-vault'): Promise<VaultDb> {
  return openDB<VaultSchema>(name, 2, {
    upgrade(db, oldVersion) {
      // Migrations go here, one `if (oldVersion < N)` block per schema version.
      if (oldVersion < 1) {
        db.createObjectStore('meta');
        db.createObjectStore('accounts', { keyPath: 'id' });
      }
      if (oldVersion < 2) {
        // Settings and the limiter moved here from storage.local, which content scripts can read and write;
        // sync keeps its state beside the accounts it describes.
        db.createObjectStore('state');
        db.createObjectStore('private');
        db.createObjectStore('sync');
      }
    },
  });
}

/** Thin typed access; callers encrypt *before* calling so no transaction waits on crypto. */
export class VaultStore implements StateStore {
  constructor(private readonly db: VaultDb) {}

  getMeta(): Promise<VaultMeta | undefined> {
    return this.db.get('meta', 'vault');
  }

  /** Creates the vault; refuses to overwrite an existing one. */
  async createMeta(meta: VaultMeta): Promise<void> {
    const tx = this.db.transaction('meta', 'readwrite');
    if (await tx.store.get('vault')) {
      tx.abort();
      throw new Error('vault exists');
    }
    await tx.store.put(meta, 'vault');
    await tx.done;
  }

  async putMeta(meta: VaultMeta): Promise<void> {
    await this.db.put('meta', meta, 'vault');
  }

  getAllRecords(): Promise<EncryptedRecord[]> {
    return this.db.getAll('accounts');
  }

  getRecord(id: string): Promise<EncryptedRecord | undefined> {
    return this.db.get('accounts', id);
  }

  /** Writes and deletes in one transaction: all or nothing. */
  async writeRecords(put: EncryptedRecord[], remove: string[] = []): Promise<void> {
    const tx = this.db.transaction('accounts', 'readwrite');
    const work: Promise<unknown>[] = [];
    for (const record of put) work.push(tx.store.put(record));
    for (const id of remove) work.push(tx.store.delete(id));
    await Promise.all([...work, tx.done]);
  }

  getSync(key: string): Promise<unknown> {
    return this.db.get('sync', key);
  }

  /**
   * Sync: accounts, sync state and (when joining another vault or taking another browser's new
   * passphrase) the vault header, in one transaction: a crash leaves the old set or the new set.
   */
  async writeSynced(change: { put: EncryptedRecord[]; remove: string[]; sync: SyncEntry[]; meta?: VaultMeta; replaceAll?: boolean }): Promise<void> {
    const tx = this.db.transaction(['meta', 'accounts', 'sync'], 'readwrite');
    const accounts = tx.objectStore('accounts');
    const work: Promise<unknown>[] = [];
    if (change.replaceAll) work.push(accounts.clear());
    for (const record of change.put) work.push(accounts.put(record));
    for (const id of change.remove) work.push(accounts.delete(id));
    for (const entry of change.sync) work.push(entry.value === undefined ? tx.objectStore('sync').delete(entry.key) : tx.objectStore('sync').put(entry.value, entry.key));
    if (change.meta) work.push(tx.objectStore('meta').put(change.meta, 'vault'));
    await Promise.all([...work, tx.done]);
  }

  async clear(): Promise<void> {
    const tx = this.db.transaction(['meta', 'accounts', 'private', 'sync'], 'readwrite');
    await Promise.all([tx.objectStore('meta').clear(), tx.objectStore('accounts').clear(), tx.objectStore('private').clear(), tx.objectStore('sync').clear(), tx.done]);
  }

  getState(key: string): Promise<unknown> {
    return this.db.get('state', key);
  }

  async putState(key: string, value: unknown): Promise<void> {
    await this.db.put('state', value, key);
  }

  getPrivate(name: string): Promise<PrivateRecord | undefined> {
    return this.db.get('private', name);
  }

  async putPrivate(name: string, record: PrivateRecord): Promise<void> {
    await this.db.put('private', record, name);
  }

  close(): void {
    this.db.close();
  }
}

function isAttemptState(value: unknown): value is AttemptState {
  const state = value as AttemptState | null;
  return typeof state === 'object' && state !== null && Number.isFinite(state.failures) && Number.isFinite(state.retryAt);
}

/**
 * Failed-unlock bookkeeping survives restarts so closing the popup does not reset the delay. It lives in
 * the extension's IndexedDB (not storage.local): a content script can neither read nor reset it.
 */
export function storedAttempts(state: StateStore): AttemptStore {
  return {
    async load() {
      const stored = await state.getState(UNLOCK_ATTEMPTS_KEY);
      return isAttemptState(stored) ? stored : { failures: 0, retryAt: 0 };
    },
    async save(next) {
      await state.putState(UNLOCK_ATTEMPTS_KEY, next);
    },
  };
}

