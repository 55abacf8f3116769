import { AppError, serializeError, type SerializedError } from '@/lib/errors';
import { isSameEnrolment } from '@/lib/otp/account';
import { fromUtf8, utf8, wipe } from '@/lib/vault/bytes';
import { importAesKey, open, seal } from '@/lib/vault/crypto';
import type { SyncEntry, VaultMeta } from '@/lib/vault/store';
import { unwrapSyncedKey, type Vault } from '@/lib/vault/vault';
import type { RemoteReplica, SyncEngine } from './engine';
import { fromSealedText, toSealedText, type KeyHeader, type SealedText } from './format';
import { merge, tombstoneCleanup, vvKey, type DeviceInfo, type RecordVersion } from './merge';
import type { WebDavConfig } from './webdav';

/**
 * Runs sync rounds: read every replica, open and check them all, merge, publish, then apply locally
 * in one transaction. Any failure before the local apply changes nothing here. The engine's settings
 * (server, user name, app password) and the last merged state live sealed under the master key in
 * the vault's own database; only a status without secrets is readable while locked.
 */

export type EngineKind = 'webdav' | 'browser';

export interface SyncConfig {
  engine: EngineKind;
  webdav?: WebDavConfig;
  vaultId: string;
  device: DeviceInfo;
}

export interface SyncStatus {
  enabled: boolean;
  engine: EngineKind | null;
  /** A round is running. */
  syncing: boolean;
  lastSyncAt: number | null;
  lastError: SerializedError | null;
  /** Consecutive failures; retries wait 30 s × 2^(failures−1), up to 30 minutes. */
  failures: number;
  nextRetryAt: number | null;
  /** Another browser changed the passphrase: the next unlock needs the new one. */
  passphraseChangedElsewhere: boolean;
  /** Accounts this browser has; the popup's reminder needs it while locked too. */
  accounts: number;
  /** Automatic backups are on (the popup's reminder is then not needed). */
  backupsOn?: boolean;
  /**
   * The one-time offer "turn on sync or backups" is due: the vault has accounts, neither is on, and the
   * person has neither dismissed the offer nor ever turned either on.
   */
  offer?: boolean;
  /** When a round last changed this browser's accounts (the popup then reloads its list). */
  appliedAt?: number | null;
}

export interface StatusStore {
  load(): Promise<SyncStatus | undefined>;
  save(status: SyncStatus): Promise<void>;
}

export interface OfferStore {
  settled(): Promise<boolean>;
  settle(): Promise<void>;
}

export interface JoinPreview {
  localAccounts: number;
  remoteAccounts: number;
  /** Local accounts that are already in the synced vault (same issuer, name, secret): not copied twice. */
  duplicates: number;
}

export type EnableResult = { state: 'enabled'; status: SyncStatus } | { state: 'confirm-join'; preview: JoinPreview };

export interface SyncServiceDeps {
  vault: Vault;
  status: StatusStore;
  engineFor(config: SyncConfig): SyncEngine;
  /** Whether automatic backups are on (lib/sync/backups). */
  backupsOn?(): Promise<boolean>;
  /** Whether the one-time offer is settled (dismissed, or sync or backups were turned on once). */
  offer?: OfferStore;
  now?: () => number;
  newId?: () => string;
}

const CONFIG = 'config';
const BASE = 'base';
const entryAd = (name: string) => utf8(`keyring/sync-local/v1/${name}`);
export const MAX_BACKOFF_MS = 30 * 60_000;

export const OFF_STATUS: SyncStatus = {
  enabled: false,
  engine: null,
  syncing: false,
  lastSyncAt: null,
  lastError: null,
  failures: 0,
  nextRetryAt: null,
  passphraseChangedElsewhere: false,
  accounts: 0,
};

export function retryDelay(failures: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);
}

export class SyncService {
  private running: Promise<SyncStatus> | null = null;
  private next: Promise<SyncStatus> | null = null;
  /** Versions of replicas already opened, by fingerprint: an unchanged file is not decrypted again. */
  private opened = new WeakMap<CryptoKey, Map<string, RecordVersion[]>>();
  /** The fingerprint of our own file as we last wrote it (an altered or missing file is written again). */
  private written: string | null = null;
  /** A synced vault's key unwrapped for the join preview, kept for the confirmation (Argon2id once). */
  private pendingJoin: { wrapped: string; passphrase: string; raw: Uint8Array; expiresAt: number } | null = null;
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(private readonly deps: SyncServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.newId = deps.newId ?? (() => crypto.randomUUID().replace(/-/g, '').slice(0, 12));
  }

  async status(): Promise<SyncStatus> {
    const status = (await this.deps.status.load()) ?? OFF_STATUS;
    // While unlocked the count is current; while locked the last one known.
    const accounts = await this.deps.vault.contents().then((c) => c.accounts.length, () => status.accounts);
    const backupsOn = (await this.deps.backupsOn?.()) ?? false;
    return { ...status, accounts, backupsOn, offer: await this.offerDue(status.enabled || backupsOn, accounts) };
  }

  /** Once sync or backups have been on, the offer is settled for good (turning them off does not bring it back). */
  private async offerDue(on: boolean, accounts: number): Promise<boolean> {
    const store = this.deps.offer;
    if (!store || (await store.settled())) return false;
    if (on) {
      await store.settle();
      return false;
    }
    return accounts > 0;
  }

  /** The person dismissed the one-time offer: never shown again (the standing reminder stays). */
  async dismissOffer(): Promise<SyncStatus> {
    await this.deps.offer?.settle();
    return this.status();
  }

  /** The settings the options page shows (the app password is never sent back). */
  async settings(): Promise<{ engine: EngineKind; url: string; user: string; deviceName: string } | null> {
    const config = await this.config();
    if (!config) return null;
    return { engine: config.engine, url: config.webdav?.url ?? '', user: config.webdav?.user ?? '', deviceName: config.device.name };
  }

  /**
   * Turns sync on. An empty remote gets this vault; a remote holding this vault is simply joined; a
   * remote holding another vault needs its passphrase, then the person's confirmation, and ends with
   * the union of both under the synced vault's passphrase.
   */
  async enable(request: { engine: EngineKind; webdav?: WebDavConfig; deviceName: string; passphrase?: string; confirmJoin?: boolean }): Promise<EnableResult> {
    const { key, accounts } = await this.deps.vault.syncAccess();
    const previous = await this.config();
    const device: DeviceInfo = { id: previous?.device.id ?? this.newId(), name: request.deviceName.trim().slice(0, 60) || 'Browser' };
    const draft: SyncConfig = { engine: request.engine, webdav: request.webdav, vaultId: previous?.vaultId ?? this.newId(), device };
    const engine = this.deps.engineFor(draft);
    const replicas = (await engine.read()).filter((r) => r.device.id !== device.id);
    const newest = newestHeader(replicas);
    if (!newest) {
      await this.saveConfig(key, draft, true);
      return { state: 'enabled', status: await this.syncNow() };
    }
    // The same vault (same master key)? Then this is just another browser of it.
    const same = await newest.verify(key).then(() => true, () => false);
    if (same) {
      await this.saveConfig(key, { ...draft, vaultId: newest.vaultId }, previous?.vaultId !== newest.vaultId);
      return { state: 'enabled', status: await this.syncNow() };
    }
    if (!request.passphrase) throw new AppError('sync_join_needed', 'This server already holds a synced vault: type the passphrase of that vault to join it.');
    const header = { kdf: newest.key.kdf, wrappedKey: fromSealedText(newest.key.wrappedKey) };
    const raw = await this.unwrapForJoin(header, newest.key.wrappedKey.ct, request.passphrase);
    try {
      const remoteKey = await importAesKey(raw);
      const sameVault = replicas.filter((r) => r.vaultId === newest.vaultId);
      const remoteVersions = (await Promise.all(sameVault.map((r) => this.openCached(r, remoteKey)))).flat();
      const remoteMerged = merge({ me: device, base: new Map(), local: new Map(), remotes: [remoteVersions] });
      const remoteAccounts = [...remoteMerged.state.values()].filter((v) => !v.deleted).map((v) => v.account!);
      const keep = [...accounts.values()].filter((a) => !remoteAccounts.some((r) => isSameEnrolment(r, a)));
      if (!request.confirmJoin) {
        return { state: 'confirm-join', preview: { localAccounts: accounts.size, remoteAccounts: remoteAccounts.length, duplicates: accounts.size - keep.length } };
      }
      const config: SyncConfig = { ...draft, vaultId: newest.vaultId };
      const sync = [await sealEntry(remoteKey, CONFIG, config), { key: BASE, value: undefined }];
      await this.deps.vault.joinVault(raw, { kdf: newest.key.kdf, wrappedKey: header.wrappedKey, passphraseChangedAt: newest.key.changedAt }, keep, sync);
      await this.deps.offer?.settle();
      this.forgetJoin();
    } finally {
      wipe(raw);
    }
    return { state: 'enabled', status: await this.syncNow() };
  }

  async disable(): Promise<SyncStatus> {
    await this.deps.vault.syncAccess(); // only while unlocked
    await this.deps.vault.applySync([], [], [{ key: CONFIG, value: undefined }, { key: BASE, value: undefined }]);
    const status = { ...OFF_STATUS, accounts: (await this.status()).accounts };
    await this.deps.status.save(status);
    return status;
  }

  /**
   * One round at a time. A request during a round gets the round after it (one, shared by every request made
   * meanwhile): the running round may have read the vault before the change that asked for this one.
   */
  syncNow(): Promise<SyncStatus> {
    if (this.running) {
      this.next ??= this.running.then(
        () => this.startRound(),
        () => this.startRound(),
      );
      return this.next;
    }
    return this.startRound();
  }

  private startRound(): Promise<SyncStatus> {
    this.next = null;
    this.running = this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Whether a scheduled attempt should run now (not while backing off after failures). */
  async due(): Promise<boolean> {
    const status = await this.status();
    return status.enabled && (status.nextRetryAt === null || status.nextRetryAt <= this.now());
  }

  private async round(): Promise<SyncStatus> {
    const before = await this.status();
    let access: Awaited<ReturnType<Vault['syncAccess']>>;
    try {
      access = await this.deps.vault.syncAccess();
    } catch {
      return before; // locked: nothing to do until the next unlock
    }
    const { key, meta, accounts } = access;
    const config = await this.config(key);
    if (!config) {
      const status = { ...OFF_STATUS, accounts: accounts.size };
      await this.deps.status.save(status);
      return status;
    }
    await this.deps.status.save({ ...before, enabled: true, engine: config.engine, syncing: true });
    try {
      const base = await this.base(key);
      const engine = this.deps.engineFor(config);
      const all = await engine.read();
      // WebDAV: every browser has its own file, ours is skipped (we know our state). storage.sync: one
      // shared state, read whoever wrote it last (it may lack our changes if another write overwrote ours).
      const shared = engine.kind === 'browser';
      const mine = all.find((r) => r.device.id === config.device.id);
      const others = all.filter((r) => r.vaultId === config.vaultId && (shared || r.device.id !== config.device.id));
      // Open everything before deciding anything: one record that fails authentication refuses the round.
      const remotes = await Promise.all(others.map((r) => this.openCached(r, key)));
      const newest = newestHeader(others);
      let header: Pick<VaultMeta, 'kdf' | 'wrappedKey' | 'passphraseChangedAt'> | undefined;
      if (newest && headerOrder(newest.key, { changedAt: meta.passphraseChangedAt, wrappedKey: toSealedText(meta.wrappedKey) }) < 0) {
        header = { kdf: newest.key.kdf, wrappedKey: fromSealedText(newest.key.wrappedKey), passphraseChangedAt: newest.key.changedAt };
      }
      const now = this.now();
      const dropTombstone = tombstoneCleanup({ now, replicas: others.map((r, i) => ({ writtenAt: r.writtenAt, versions: remotes[i]! })) });
      const result = merge({ me: config.device, base, local: accounts, remotes, now, dropTombstone });
      const ownKey: KeyHeader = header
        ? { kdf: header.kdf, wrappedKey: toSealedText(header.wrappedKey), changedAt: header.passphraseChangedAt }
        : { kdf: meta.kdf, wrappedKey: toSealedText(meta.wrappedKey), changedAt: meta.passphraseChangedAt };
      // Our own file is rewritten when it is missing, outdated or altered (so a tampered file heals).
      const ownIntact = async () => {
        if (!mine) return false;
        if (this.written !== null) return mine.fingerprint === this.written;
        return mine.open(key).then(() => true, () => false); // after a restart: check it once
      };
      const stale = shared
        ? others.length === 0 || others[0]!.key.changedAt !== ownKey.changedAt || !sameState(result.state, remotes.flat())
        : !mine || mine.key.changedAt !== ownKey.changedAt || mine.vaultId !== config.vaultId || !(await ownIntact());
      if (result.changed || stale) {
        this.written = await engine.write(key, { vaultId: config.vaultId, device: config.device, writtenAt: this.now(), key: ownKey, versions: [...result.state.values()] });
      } else if (mine && !shared) {
        this.written = mine.fingerprint;
      }
      await this.deps.vault.applySync(result.put, result.remove, [await sealEntry(key, BASE, [...result.state.values()])], header);
      const liveCount = [...result.state.values()].filter((v) => !v.deleted).length;
      const status: SyncStatus = {
        enabled: true,
        engine: config.engine,
        syncing: false,
        lastSyncAt: this.now(),
        lastError: null,
        failures: 0,
        nextRetryAt: null,
        passphraseChangedElsewhere: before.passphraseChangedElsewhere || header !== undefined,
        accounts: liveCount,
        appliedAt: result.put.length > 0 || result.remove.length > 0 ? now : (before.appliedAt ?? null),
      };
      await this.deps.status.save(status);
      return status;
    } catch (error) {
      const failures = before.failures + 1;
      const status: SyncStatus = {
        ...before,
        enabled: true,
        engine: config.engine,
        syncing: false,
        lastError: serializeError(error),
        failures,
        nextRetryAt: this.now() + retryDelay(failures),
        accounts: accounts.size,
      };
      await this.deps.status.save(status);
      return status;
    }
  }

  private async openCached(replica: RemoteReplica, key: CryptoKey): Promise<RecordVersion[]> {
    let byFingerprint = this.opened.get(key);
    if (!byFingerprint) this.opened.set(key, (byFingerprint = new Map()));
    const cached = byFingerprint.get(replica.fingerprint);
    if (cached) return cached;
    const versions = await replica.open(key);
    if (byFingerprint.size > 16) byFingerprint.clear();
    byFingerprint.set(replica.fingerprint, versions);
    return versions;
  }

  private async unwrapForJoin(header: Pick<VaultMeta, 'kdf' | 'wrappedKey'>, wrapped: string, passphrase: string): Promise<Uint8Array> {
    const pending = this.pendingJoin;
    if (pending && pending.wrapped === wrapped && pending.passphrase === passphrase && pending.expiresAt > this.now()) return new Uint8Array(pending.raw);
    const raw = await unwrapSyncedKey(header, passphrase);
    this.forgetJoin();
    this.pendingJoin = { wrapped, passphrase, raw: new Uint8Array(raw), expiresAt: this.now() + 10 * 60_000 };
    return raw;
  }

  private forgetJoin(): void {
    wipe(this.pendingJoin?.raw);
    this.pendingJoin = null;
  }

  /** After an unlock with the new passphrase the hint is no longer needed. */
  async unlocked(): Promise<void> {
    const status = await this.status();
    if (status.passphraseChangedElsewhere) await this.deps.status.save({ ...status, passphraseChangedElsewhere: false });
  }

  private async config(key?: CryptoKey): Promise<SyncConfig | null> {
    const k = key ?? (await this.deps.vault.syncAccess()).key;
    return (await openEntry<SyncConfig>(k, CONFIG, await this.deps.vault.readSyncEntry(CONFIG))) ?? null;
  }

  private async base(key: CryptoKey): Promise<Map<string, RecordVersion>> {
    const list = (await openEntry<RecordVersion[]>(key, BASE, await this.deps.vault.readSyncEntry(BASE))) ?? [];
    return new Map(list.map((v) => [v.id, v]));
  }

  private async saveConfig(key: CryptoKey, config: SyncConfig, resetBase: boolean): Promise<void> {
    const entries: SyncEntry[] = [await sealEntry(key, CONFIG, config)];
    if (resetBase) entries.push({ key: BASE, value: undefined });
    await this.deps.vault.applySync([], [], entries);
    await this.deps.offer?.settle();
    await this.deps.status.save({ ...(await this.status()), enabled: true, engine: config.engine, lastError: null, failures: 0, nextRetryAt: null });
  }
}

/** The remote holds exactly the merged versions (nothing to publish to a shared store). */
function sameState(state: Map<string, RecordVersion>, remote: RecordVersion[]): boolean {
  if (remote.length !== state.size) return false;
  return remote.every((v) => {
    const mine = state.get(v.id);
    return mine !== undefined && mine.deleted === v.deleted && vvKey(mine.vv) === vvKey(v.vv);
  });
}

/** Newest passphrase first; the same instant on two browsers is broken by the wrapped key's text, the same way everywhere. */
function headerOrder(a: Pick<KeyHeader, 'changedAt' | 'wrappedKey'>, b: Pick<KeyHeader, 'changedAt' | 'wrappedKey'>): number {
  if (a.changedAt !== b.changedAt) return b.changedAt - a.changedAt;
  return a.wrappedKey.ct === b.wrappedKey.ct ? 0 : a.wrappedKey.ct > b.wrappedKey.ct ? -1 : 1;
}

function newestHeader(replicas: RemoteReplica[]): RemoteReplica | undefined {
  return [...replicas].sort((a, b) => headerOrder(a.key, b.key) || b.writtenAt - a.writtenAt)[0];
}

export async function sealEntry(key: CryptoKey, name: string, value: unknown): Promise<SyncEntry> {
  return { key: name, value: toSealedText(await seal(key, utf8(JSON.stringify(value)), entryAd(name))) };
}

export async function openEntry<T>(key: CryptoKey, name: string, stored: unknown): Promise<T | undefined> {
  if (stored === undefined) return undefined;
  const plaintext = await open(key, fromSealedText(stored as SealedText), entryAd(name));
  return JSON.parse(fromUtf8(plaintext)) as T;
}
