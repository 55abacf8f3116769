import { AppError } from '@/lib/errors';
import { fromBase64, fromUtf8, toBase64, utf8 } from '@/lib/vault/bytes';
import { DecryptionFailed, open, seal } from '@/lib/vault/crypto';
import { digest, type RemoteReplica, type SyncEngine } from './engine';
import { badRemote, deviceInfo, keyHeader, sealedText, sealHeaderCheck, verifyHeaderCheck, versionOf, type KeyHeader, type ReplicaState, type SealedText } from './format';
import type { DeviceInfo, RecordVersion, VersionVector } from './merge';

/**
 * The browser's own sync storage (`storage.sync`: Chrome Sync, Firefox Sync). Its quotas are small —
 * 102,400 bytes in all, 8,192 per item, 512 items, 120 writes a minute, 1,800 an hour — so the whole
 * merged state is packed: compact JSON, deflate-raw (CompressionStream), then ONE AES-GCM seal under
 * the master key with the vault id and a generation bound, split into base64 chunks `ks0…ksN`, each
 * tagged with the generation so a half-delivered state is recognised and waited for, never mixed.
 * Record ids are inside the authenticated plaintext, so no record can be moved or forged. It is a
 * shared store (last writer wins per item); the merge keeps every browser's edits anyway, because a
 * browser whose write was overwritten still has its changes and publishes them again.
 */

export interface SyncArea {
  get(keys?: null | string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export const QUOTA_BYTES = 102_400;
export const QUOTA_BYTES_PER_ITEM = 8_192;
export const MAX_ITEMS = 512;
/** Half of Chrome's limits (120/min, 1,800/hour): other code never writes here, but leave room. */
const WRITES_PER_MINUTE = 60;
const WRITES_PER_HOUR = 900;
/** Room left for the manifest's growth and other keys. */
const SAFETY_BYTES = 1_024;
const CHUNK_CHARS = 8_000;
const MANIFEST = 'ks';
const chunkKey = (i: number) => `ks${i}`;

interface Manifest {
  format: 'keyring-sync-packed';
  version: 1;
  vaultId: string;
  device: DeviceInfo;
  writtenAt: number;
  key: KeyHeader;
  check: SealedText;
  gen: string;
  iv: string;
  chunks: number;
}

/** One record, compact: [id, vv, deleted, by.id, by.name, account without its id | null, tombstone time?]. */
type PackedRecord = [string, VersionVector, 0 | 1, string, string, Record<string, unknown> | null, number?];

const packedAd = (vaultId: string, gen: string) => utf8(`keyring/sync/v1/${vaultId}/packed/${gen}`);

/** Size as storage.sync counts it: key length + JSON of the value. */
export function itemBytes(key: string, value: unknown): number {
  return key.length + utf8(JSON.stringify(value)).length;
}

export class StorageSyncEngine implements SyncEngine {
  readonly kind = 'browser' as const;
  private writes: number[] = [];

  constructor(
    private readonly area: SyncArea,
    private readonly now: () => number = Date.now,
  ) {}

  async read(): Promise<RemoteReplica[]> {
    const items = await this.area.get(null);
    const manifest = items[MANIFEST];
    if (manifest === undefined) return [];
    const m = parseManifest(manifest);
    const parts: string[] = [];
    for (let i = 0; i < m.chunks; i++) {
      const chunk = items[chunkKey(i)];
      if (typeof chunk !== 'string' || !chunk.startsWith(`${m.gen}:`)) {
        throw new AppError('sync_browser_busy', 'Browser sync is still delivering the latest state; trying again shortly. Nothing was changed.');
      }
      parts.push(chunk.slice(m.gen.length + 1));
    }
    const data = parts.join('');
    return [
      {
        vaultId: m.vaultId,
        device: m.device,
        writtenAt: m.writtenAt,
        key: m.key,
        // Over every stored byte that is opened: an altered chunk is a new fingerprint, so it is opened (and refused).
        fingerprint: await digest(`${m.gen}/${m.iv}/${data}`),
        verify: (key) => verifyHeaderCheck(key, m, m.check),
        open: async (key) => {
          await verifyHeaderCheck(key, m, m.check);
          let records: unknown;
          try {
            const compressed = await open(key, { iv: fromBase64(m.iv), ciphertext: fromBase64(data) }, packedAd(m.vaultId, m.gen));
            records = JSON.parse(fromUtf8(await inflate(compressed)));
          } catch (error) {
            if (error instanceof DecryptionFailed || error instanceof DOMException) {
              throw new AppError('sync_tampered', 'The state in browser sync failed authentication (altered, or another vault). Nothing was changed.');
            }
            throw new AppError('sync_bad_remote', 'The state in browser sync could not be read. Nothing was changed.');
          }
          return unpack(records, m.device);
        },
      },
    ];
  }

  async write(masterKey: CryptoKey, state: ReplicaState): Promise<string> {
    const items = await pack(masterKey, state);
    const previous = await this.area.get(null);
    const stale = Object.keys(previous).filter((k) => /^ks\d+$/.test(k) && !(k in items));
    this.reserveWrites(stale.length > 0 ? 2 : 1);
    await this.area.set(items);
    if (stale.length > 0) await this.area.remove(stale);
    const manifest = items[MANIFEST] as Manifest;
    const data = Array.from({ length: manifest.chunks }, (_, i) => (items[chunkKey(i)] as string).slice(manifest.gen.length + 1)).join('');
    return digest(`${manifest.gen}/${manifest.iv}/${data}`);
  }

  /** Counts writes against the rate limits; refuses (a retry follows) rather than exceed them. */
  private reserveWrites(count: number): void {
    const now = this.now();
    this.writes = this.writes.filter((t) => t > now - 3_600_000);
    const lastMinute = this.writes.filter((t) => t > now - 60_000).length;
    if (lastMinute + count > WRITES_PER_MINUTE || this.writes.length + count > WRITES_PER_HOUR) {
      throw new AppError('sync_write_limit', 'Browser sync allows only so many writes a minute; the next try waits.');
    }
    for (let i = 0; i < count; i++) this.writes.push(now);
  }
}

/** The items to store for `state`, or `sync_quota` (with the size) when they do not fit. */
export async function pack(masterKey: CryptoKey, state: ReplicaState): Promise<Record<string, unknown>> {
  const records: PackedRecord[] = state.versions.map((v) => {
    let account: Record<string, unknown> | null = null;
    if (v.account) {
      // Icons stay out of browser sync: 1,000 accounts must fit its 100 KB (WebDAV carries them).
      const { id: _id, icon: _icon, ...rest } = v.account;
      account = rest;
    }
    const record: PackedRecord = [v.id, v.vv, v.deleted ? 1 : 0, v.by.id, v.by.name, account];
    if (v.deleted && v.at !== undefined) record.push(v.at);
    return record;
  });
  const compressed = await deflate(utf8(JSON.stringify(records)));
  const gen = toBase64(crypto.getRandomValues(new Uint8Array(6)));
  const sealed = await seal(masterKey, compressed, packedAd(state.vaultId, gen));
  const data = toBase64(sealed.ciphertext);
  const chunks: string[] = [];
  for (let i = 0; i < data.length; i += CHUNK_CHARS) chunks.push(`${gen}:${data.slice(i, i + CHUNK_CHARS)}`);
  const { vaultId, device, writtenAt, key } = state;
  const manifest: Manifest = {
    format: 'keyring-sync-packed',
    version: 1,
    vaultId,
    device,
    writtenAt,
    key,
    check: await sealHeaderCheck(masterKey, state),
    gen,
    iv: toBase64(sealed.iv),
    chunks: chunks.length,
  };
  const items: Record<string, unknown> = { [MANIFEST]: manifest };
  chunks.forEach((c, i) => (items[chunkKey(i)] = c));
  const total = Object.entries(items).reduce((sum, [k, v]) => sum + itemBytes(k, v), 0);
  const live = state.versions.filter((v) => !v.deleted).length;
  if (total > QUOTA_BYTES - SAFETY_BYTES || Object.keys(items).length > MAX_ITEMS || itemBytes(MANIFEST, manifest) > QUOTA_BYTES_PER_ITEM) {
    throw new AppError(
      'sync_browser_full',
      `${live} accounts need ${Math.ceil(total / 1024)} KB, more than browser sync holds (100 KB). Nothing was dropped: use WebDAV sync for a vault this large.`,
      { accounts: live, kilobytes: Math.ceil(total / 1024) },
    );
  }
  return items;
}

export function packedBytes(items: Record<string, unknown>): number {
  return Object.entries(items).reduce((sum, [k, v]) => sum + itemBytes(k, v), 0);
}

function parseManifest(value: unknown): Manifest {
  if (typeof value !== 'object' || value === null) badRemote('the browser-sync header is not an object');
  const m = value as Record<string, unknown>;
  if (m.format !== 'keyring-sync-packed' || m.version !== 1) badRemote('the browser-sync header has an unknown format');
  if (typeof m.vaultId !== 'string' || typeof m.gen !== 'string' || typeof m.iv !== 'string' || !Number.isInteger(m.chunks) || (m.chunks as number) < 1 || (m.chunks as number) > MAX_ITEMS) {
    badRemote('the browser-sync header is incomplete');
  }
  if (typeof m.writtenAt !== 'number' || typeof m.key !== 'object' || m.key === null || typeof m.check !== 'object' || m.check === null) badRemote('the browser-sync header is incomplete');
  return { ...(m as unknown as Manifest), device: deviceInfo(m.device), key: keyHeader(m.key), check: sealedText(m.check, 'check') };
}

function unpack(records: unknown, device: DeviceInfo): RecordVersion[] {
  if (!Array.isArray(records)) badRemote('the browser-sync state is not a list');
  return records.map((r: unknown) => {
    if (!Array.isArray(r) || (r.length !== 6 && r.length !== 7) || typeof r[0] !== 'string' || typeof r[1] !== 'object' || r[1] === null) badRemote('a browser-sync record is malformed');
    const [id, vv, del, byId, byName, account, at] = r as PackedRecord;
    return versionOf(id, vv, del === 1, { by: { id: byId, name: byName }, account: account === null ? null : { ...account, id }, ...(r.length === 7 ? { at } : {}) }, device);
  });
}

async function deflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
