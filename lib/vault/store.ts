import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Argon2idParams } from './kdf';
import type { Sealed } from './crypto';

/**
 * The vault on disk (IndexedDB). Only ciphertext and KDF parameters are stored here:
 * every account field lives inside `ciphertext`.
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

interface VaultSchema extends DBSchema {
  meta: { key: 'vault'; value: VaultMeta };
  accounts: { key: string; value: EncryptedRecord };
}

export type VaultDb = IDBPDatabase<VaultSchema>;

export function openVaultDb(name = 'keyring-vault'): Promise<VaultDb> {
  return openDB<VaultSchema>(name, 1, {
    upgrade(db, oldVersion) {
      // Migrations go here, one `if (oldVersion < N)` block per schema version.
      if (oldVersion < 1) {
        db.createObjectStore('meta');
        db.createObjectStore('accounts', { keyPath: 'id' });
      }
    },
  });
}

/** Thin typed access; callers encrypt *before* calling so no transaction waits on crypto. */
export class VaultStore {
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

  async clear(): Promise<void> {
    const tx = this.db.transaction(['meta', 'accounts'], 'readwrite');
    await Promise.all([tx.objectStore('meta').clear(), tx.objectStore('accounts').clear(), tx.done]);
  }

  close(): void {
    this.db.close();
  }
}
