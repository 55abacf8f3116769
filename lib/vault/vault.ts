import { AppError } from '@/lib/errors';
import type { Account, AccountDraft } from '@/lib/otp/account';
import { checkAccountFields } from '@/lib/otp/limits';
import { fromUtf8, randomBytes, utf8, wipe } from './bytes';
import { DecryptionFailed, KEY_LENGTH, importAesKey, open, seal } from './crypto';
import { type Argon2idParams, DEFAULT_KDF_COST, deriveKeyBytes, newKdfParams } from './kdf';
import { type AttemptState, type AttemptStore, type EncryptedRecord, type SyncEntry, VAULT_FORMAT_VERSION, type VaultMeta, type VaultStore } from './store';

/** Where the unwrapped master key lives while unlocked: memory only (`storage.session` in the extension). */
export interface SessionKeyStore {
  load(): Promise<Uint8Array | null>;
  save(rawKey: Uint8Array): Promise<void>;
  clear(): Promise<void>;
}

export type { AttemptState, AttemptStore };

export type VaultStatus = 'uninitialized' | 'locked' | 'unlocked';

export interface DamagedRecord {
  id: string;
  updatedAt: number;
  reason: string;
}

export interface VaultContents {
  accounts: Account[];
  damaged: DamagedRecord[];
}

export type AccountPatch = Partial<Omit<Account, 'id' | 'createdAt'>>;

export const MIN_PASSPHRASE_LENGTH = 8;
/** Failures allowed before each further attempt has to wait. */
const FREE_ATTEMPTS = 3;
const MAX_DELAY_MS = 60_000;

const MASTER_KEY_AD = utf8('keyring/master-key/v1');
// Binding the record id means a record copied over another one fails to decrypt.
const recordAd = (id: string) => utf8(`keyring/account/v1/${id}`);
// The same for a named private value: one cannot stand in for another.
const privateAd = (name: string) => utf8(`keyring/private/v1/${name}`);

export function retryDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS);
}

export class Vault {
  private key: CryptoKey | null = null;
  private cache: Map<string, Account> | null = null;
  private damaged: DamagedRecord[] = [];
  /** The tail of the passphrase-check queue: checks run one at a time, so each one sees the last one's count. */
  private checks: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: VaultStore,
    private readonly session: SessionKeyStore,
    private readonly attempts: AttemptStore,
    private readonly now: () => number = Date.now,
  ) {}

  async status(): Promise<VaultStatus> {
    if (!(await this.store.getMeta())) return 'uninitialized';
    return (await this.currentKey()) ? 'unlocked' : 'locked';
  }

  async create(passphrase: string, cost: Omit<Argon2idParams, 'name' | 'salt'> = DEFAULT_KDF_COST): Promise<void> {
    checkPassphrase(passphrase);
    if (await this.store.getMeta()) throw new AppError('vault_exists', 'A vault already exists in this browser.');
    const masterKey = randomBytes(KEY_LENGTH);
    const kdf = newKdfParams(cost);
    const wrappedKey = await wrapMasterKey(masterKey, passphrase, kdf);
    const now = this.now();
    try {
      await this.store.createMeta({ formatVersion: VAULT_FORMAT_VERSION, kdf, wrappedKey, createdAt: now, passphraseChangedAt: now });
    } catch {
      throw new AppError('vault_exists', 'A vault already exists in this browser.');
    }
    await this.becomeUnlocked(masterKey);
  }

  async unlock(passphrase: string): Promise<void> {
    await this.oneCheckAtATime(async () => {
      const masterKey = await this.unwrapLimited(passphrase);
      await this.becomeUnlocked(masterKey);
    });
  }

  /** The unlock limiter's state (failures counted, epoch ms before which no check runs). */
  unlockAttempts(): Promise<AttemptState> {
    return this.attempts.load();
  }

  /**
   * Runs passphrase checks one after another. Without this, eight checks sent at once all read
   * "0 failures", all run, and all write "1 failure": the delay would never grow.
   */
  private oneCheckAtATime<T>(check: () => Promise<T>): Promise<T> {
    const result = this.checks.then(check);
    this.checks = result.catch(() => undefined);
    return result;
  }

  /**
   * Unwraps the master key, counting wrong passphrases: every check (unlock, Show QR, export,
   * passphrase change) shares the growing delay, so none of them can be used to guess faster.
   * Callers hold the check queue (oneCheckAtATime) so that reading and counting are one step.
   */
  private async unwrapLimited(passphrase: string): Promise<Uint8Array> {
    const meta = await this.requireMeta();
    const attempts = await this.attempts.load();
    const waitMs = attempts.retryAt - this.now();
    if (waitMs > 0) {
      throw new AppError('rate_limited', `Too many wrong passphrases. Try again in ${Math.ceil(waitMs / 1000)} s.`, { seconds: Math.ceil(waitMs / 1000) });
    }
    try {
      const masterKey = await unwrapMasterKey(meta, passphrase);
      if (attempts.failures > 0) await this.attempts.save({ failures: 0, retryAt: 0 });
      return masterKey;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'wrong_passphrase') throw error;
      const failures = attempts.failures + 1;
      await this.attempts.save({ failures, retryAt: this.now() + retryDelayMs(failures) });
      throw error;
    }
  }

  async lock(): Promise<void> {
    this.key = null;
    this.cache = null;
    this.damaged = [];
    await this.session.clear();
  }

  /** Checks a passphrase without changing state (for showing a QR or exporting). */
  async verifyPassphrase(passphrase: string): Promise<void> {
    await this.oneCheckAtATime(async () => wipe(await this.unwrapLimited(passphrase)));
  }

  async changePassphrase(
    current: string,
    next: string,
    cost?: Omit<Argon2idParams, 'name' | 'salt'>,
  ): Promise<void> {
    checkPassphrase(next);
    await this.oneCheckAtATime(async () => {
      const masterKey = await this.unwrapLimited(current);
      const meta = await this.requireMeta();
      const kdf = newKdfParams(cost ?? { memoryKiB: meta.kdf.memoryKiB, iterations: meta.kdf.iterations, parallelism: meta.kdf.parallelism });
      const wrappedKey = await wrapMasterKey(masterKey, next, kdf);
      wipe(masterKey);
      // Only the wrapped key changes: one put, one transaction; account records stay as they are.
      await this.store.putMeta({ ...meta, kdf, wrappedKey, passphraseChangedAt: this.now() });
    });
  }

  /**
   * A named value sealed under the master key like the accounts (e.g. which account was chosen for which
   * site): unreadable while locked and never on disk in clear. Undefined when absent, or when it cannot
   * be opened (written under an earlier vault's key).
   */
  async loadPrivate<T>(name: string): Promise<T | undefined> {
    const key = await this.requireKey();
    const record = await this.store.getPrivate(name);
    if (!record) return undefined;
    try {
      return JSON.parse(fromUtf8(await open(key, record, privateAd(name)))) as T;
    } catch {
      return undefined;
    }
  }

  async savePrivate(name: string, value: unknown): Promise<void> {
    const key = await this.requireKey();
    await this.store.putPrivate(name, await seal(key, utf8(JSON.stringify(value)), privateAd(name)));
  }

  async kdfParams(): Promise<Argon2idParams> {
    return (await this.requireMeta()).kdf;
  }

  /** Every account, decrypted; records that fail authentication are reported, not fatal. */
  async contents(): Promise<VaultContents> {
    const cache = await this.loadCache();
    const accounts = [...cache.values()].sort(compareAccounts);
    return { accounts, damaged: this.damaged };
  }

  async get(id: string): Promise<Account> {
    const account = (await this.loadCache()).get(id);
    if (!account) throw new AppError('not_found', `No account with id ${id}.`);
    return account;
  }

  /** Adds accounts in one transaction: all or nothing. */
  async add(drafts: AccountDraft[]): Promise<Account[]> {
    // The last guard for every way in: nothing over the size caps is ever written.
    for (const draft of drafts) checkAccountFields(draft);
    const cache = await this.loadCache();
    let order = Math.max(-1, ...[...cache.values()].map((a) => a.order)) + 1;
    const now = this.now();
    const accounts = drafts.map((draft): Account => ({ ...draft, id: crypto.randomUUID(), order: order++, createdAt: now }));
    await this.write(accounts);
    return accounts;
  }

  /** Puts accounts back exactly as they were (undo of a delete, or a restore). */
  async restore(accounts: Account[]): Promise<void> {
    await this.loadCache();
    await this.write(accounts);
  }

  async update(id: string, patch: AccountPatch): Promise<Account> {
    const [updated] = await this.updateMany([{ id, patch }]);
    return updated!;
  }

  async updateMany(changes: { id: string; patch: AccountPatch }[]): Promise<Account[]> {
    for (const { patch } of changes) checkAccountFields(patch);
    const cache = await this.loadCache();
    const updated = changes.map(({ id, patch }) => {
      const current = cache.get(id);
      if (!current) throw new AppError('not_found', `No account with id ${id}.`);
      return { ...current, ...patch, id, createdAt: current.createdAt };
    });
    await this.write(updated);
    return updated;
  }

  async remove(ids: string[]): Promise<Account[]> {
    const cache = await this.loadCache();
    const removed = ids.map((id) => cache.get(id)).filter((a): a is Account => a !== undefined);
    await this.store.writeRecords([], ids);
    for (const id of ids) cache.delete(id);
    this.damaged = this.damaged.filter((d) => !ids.includes(d.id));
    return removed;
  }

  private async write(accounts: Account[]): Promise<void> {
    const key = await this.requireKey();
    const cache = await this.loadCache();
    const records = await this.sealRecords(key, accounts);
    await this.store.writeRecords(records);
    for (const account of accounts) cache.set(account.id, account);
  }

  // Encrypt everything first: an await on crypto inside an IndexedDB transaction would let it commit early.
  private sealRecords(key: CryptoKey, accounts: Account[]): Promise<EncryptedRecord[]> {
    const now = this.now();
    return Promise.all(
      accounts.map(async (account): Promise<EncryptedRecord> => {
        const sealed = await seal(key, utf8(JSON.stringify(account)), recordAd(account.id));
        return { id: account.id, ...sealed, updatedAt: now };
      }),
    );
  }

  // ---- Sync (lib/sync): the master key never leaves this class except as a non-extractable CryptoKey. ----

  /** What sync needs while unlocked: the key, the header (wrapped key, KDF) and every account. */
  async syncAccess(): Promise<{ key: CryptoKey; meta: VaultMeta; accounts: Map<string, Account> }> {
    const key = await this.requireKey();
    return { key, meta: await this.requireMeta(), accounts: new Map(await this.loadCache()) };
  }

  readSyncEntry(key: string): Promise<unknown> {
    return this.store.getSync(key);
  }

  /** Applies a merge: accounts, sync state and maybe a new header (passphrase changed elsewhere) in one transaction. */
  async applySync(put: Account[], remove: string[], sync: SyncEntry[], header?: Pick<VaultMeta, 'kdf' | 'wrappedKey' | 'passphraseChangedAt'>): Promise<void> {
    const key = await this.requireKey();
    const cache = await this.loadCache();
    const meta = header ? { ...(await this.requireMeta()), ...header } : undefined;
    await this.store.writeSynced({ put: await this.sealRecords(key, put), remove, sync, meta });
    for (const account of put) cache.set(account.id, account);
    for (const id of remove) cache.delete(id);
  }

  /**
   * Joins a synced vault: `keep` (this browser's accounts the person chose to bring) is re-encrypted
   * under the synced master key, which with its wrapped form and KDF replaces this vault's header —
   * one transaction, so the passphrase of the synced vault opens everything afterwards.
   */
  async joinVault(masterKey: Uint8Array, header: Pick<VaultMeta, 'kdf' | 'wrappedKey' | 'passphraseChangedAt'>, keep: Account[], sync: SyncEntry[]): Promise<void> {
    await this.requireKey();
    const key = await importAesKey(masterKey);
    const meta = { ...(await this.requireMeta()), ...header };
    await this.store.writeSynced({ put: await this.sealRecords(key, keep), remove: [], sync, meta, replaceAll: true });
    await this.becomeUnlocked(masterKey);
  }

  private async loadCache(): Promise<Map<string, Account>> {
    if (this.cache) return this.cache;
    const key = await this.requireKey();
    const records = await this.store.getAllRecords();
    const damaged: DamagedRecord[] = [];
    const opened = await Promise.all(
      records.map(async (record) => {
        try {
          const plaintext = await open(key, record, recordAd(record.id));
          const account = JSON.parse(fromUtf8(plaintext)) as Account;
          if (account.id !== record.id) throw new Error('record id mismatch');
          return account;
        } catch (error) {
          const reason = error instanceof DecryptionFailed ? 'altered or damaged (authentication failed)' : 'unreadable content';
          damaged.push({ id: record.id, updatedAt: record.updatedAt, reason });
          return null;
        }
      }),
    );
    this.cache = new Map(opened.filter((a): a is Account => a !== null).map((a) => [a.id, a]));
    this.damaged = damaged;
    return this.cache;
  }

  private async becomeUnlocked(masterKey: Uint8Array): Promise<void> {
    this.key = await importAesKey(masterKey);
    this.cache = null;
    await this.session.save(masterKey);
    wipe(masterKey);
  }

  /** The key from memory, or from the session store after the service worker was restarted. */
  private async currentKey(): Promise<CryptoKey | null> {
    if (this.key) return this.key;
    const raw = await this.session.load();
    if (!raw) return null;
    this.key = await importAesKey(raw);
    wipe(raw);
    return this.key;
  }

  private async requireKey(): Promise<CryptoKey> {
    const key = await this.currentKey();
    if (!key) throw new AppError('vault_locked', 'The vault is locked.');
    return key;
  }

  private async requireMeta(): Promise<VaultMeta> {
    const meta = await this.store.getMeta();
    if (!meta) throw new AppError('no_vault', 'No vault has been created yet.');
    return meta;
  }
}

export function checkPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError('weak_passphrase', `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long.`, { min: MIN_PASSPHRASE_LENGTH });
  }
}

function compareAccounts(a: Account, b: Account): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  return a.order - b.order;
}

async function wrapMasterKey(masterKey: Uint8Array, passphrase: string, kdf: Argon2idParams) {
  const kek = await deriveKeyBytes(passphrase, kdf);
  try {
    return await seal(await importAesKey(kek), masterKey, MASTER_KEY_AD);
  } finally {
    wipe(kek);
  }
}

/** Unwraps a master key from another vault's header (joining a synced vault); `wrong_passphrase` if it does not open. */
export function unwrapSyncedKey(header: Pick<VaultMeta, 'kdf' | 'wrappedKey'>, passphrase: string): Promise<Uint8Array> {
  return unwrapMasterKey(header, passphrase);
}

async function unwrapMasterKey(meta: Pick<VaultMeta, 'kdf' | 'wrappedKey'>, passphrase: string): Promise<Uint8Array> {
  const kek = await deriveKeyBytes(passphrase, meta.kdf);
  try {
    return await open(await importAesKey(kek), meta.wrappedKey, MASTER_KEY_AD);
  } catch (error) {
    if (error instanceof DecryptionFailed) throw new AppError('wrong_passphrase', 'Wrong passphrase.');
    throw error;
  } finally {
    wipe(kek);
  }
}
