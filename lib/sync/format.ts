import { AppError } from '@/lib/errors';
import type { Account } from '@/lib/otp/account';
import { fromBase64, fromUtf8, toBase64, utf8 } from '@/lib/vault/bytes';
import { DecryptionFailed, IV_LENGTH, open, seal, type Sealed } from '@/lib/vault/crypto';
import type { Argon2idParams } from '@/lib/vault/kdf';
import { vvKey, type DeviceInfo, type RecordVersion, type VersionVector } from './merge';

/**
 * What one browser publishes (the WebDAV file `devices/<deviceId>.json`). Everything about an account
 * is AES-GCM ciphertext under the vault's master key; what is readable — ids, version vectors, the
 * tombstone flag, the device — is bound as additional data, so the server can neither alter nor move
 * nor forge a record. The master key travels wrapped by the passphrase key (the vault's own wrapped
 * key and Argon2id parameters), so a new browser joins with the passphrase; the header is
 * authenticated by the master key (`check`), so a browser that has the key accepts a new wrapped key
 * (a passphrase change) only from someone who holds it.
 */

export const SYNC_FORMAT = 'keyring-sync';
export const SYNC_FORMAT_VERSION = 1;

export interface SealedText {
  iv: string;
  ct: string;
}

/** The vault's wrapped master key, as the vault stores it. */
export interface KeyHeader {
  kdf: Argon2idParams;
  wrappedKey: SealedText;
  /** When the passphrase was last changed (epoch ms): the newest header wins. */
  changedAt: number;
}

export interface RemoteRecord {
  id: string;
  vv: VersionVector;
  del?: 1;
  iv: string;
  ct: string;
}

export interface DeviceFile {
  format: typeof SYNC_FORMAT;
  version: typeof SYNC_FORMAT_VERSION;
  vaultId: string;
  device: DeviceInfo;
  writtenAt: number;
  key: KeyHeader;
  /** Seals {vaultId, device, writtenAt, key}: the header is authentic when this opens. */
  check: SealedText;
  records: RemoteRecord[];
}

/** What a replica publishes, before sealing. */
export interface ReplicaState {
  vaultId: string;
  device: DeviceInfo;
  writtenAt: number;
  key: KeyHeader;
  versions: RecordVersion[];
}

const MAX_TEXT = 4096;
const MAX_RECORDS = 100_000;

const recordAd = (vaultId: string, id: string, vv: VersionVector, deleted: boolean) =>
  utf8(`keyring/sync/v1/${vaultId}/record/${id}/${vvKey(vv)}/${deleted ? 'deleted' : 'live'}`);
const checkAd = (vaultId: string) => utf8(`keyring/sync/v1/${vaultId}/header`);

export const toSealedText = (s: Sealed): SealedText => ({ iv: toBase64(s.iv), ct: toBase64(s.ciphertext) });
export const fromSealedText = (s: SealedText): Sealed => ({ iv: fromBase64(s.iv), ciphertext: fromBase64(s.ct) });

// Every field named in a fixed order: storage.sync hands objects back with their keys sorted.
const headerPayload = (vaultId: string, device: DeviceInfo, writtenAt: number, key: KeyHeader) =>
  JSON.stringify([
    vaultId,
    device.id,
    device.name,
    writtenAt,
    [key.kdf.name, key.kdf.memoryKiB, key.kdf.iterations, key.kdf.parallelism, key.kdf.salt],
    [key.wrappedKey.iv, key.wrappedKey.ct],
    key.changedAt,
  ]);

export async function sealHeaderCheck(masterKey: CryptoKey, state: Omit<ReplicaState, 'versions'>): Promise<SealedText> {
  return toSealedText(await seal(masterKey, utf8(headerPayload(state.vaultId, state.device, state.writtenAt, state.key)), checkAd(state.vaultId)));
}

/** Throws `sync_tampered` unless the header was written by a holder of the master key. */
export async function verifyHeaderCheck(masterKey: CryptoKey, state: Omit<ReplicaState, 'versions'>, check: SealedText): Promise<void> {
  let text: string;
  try {
    text = fromUtf8(await open(masterKey, fromSealedText(check), checkAd(state.vaultId)));
  } catch (error) {
    throw tamperedOr(error, state.device);
  }
  if (text !== headerPayload(state.vaultId, state.device, state.writtenAt, state.key)) throw tampered(state.device);
}

export async function sealDeviceFile(masterKey: CryptoKey, state: ReplicaState): Promise<DeviceFile> {
  const records = await Promise.all(
    state.versions.map(async (v): Promise<RemoteRecord> => {
      const plaintext = JSON.stringify({ account: v.account, by: v.by, ...(v.deleted && v.at !== undefined ? { at: v.at } : {}) });
      const sealed = await seal(masterKey, utf8(plaintext), recordAd(state.vaultId, v.id, v.vv, v.deleted));
      return { id: v.id, vv: v.vv, ...(v.deleted ? { del: 1 as const } : {}), ...toSealedText(sealed) };
    }),
  );
  const { vaultId, device, writtenAt, key } = state;
  return { format: SYNC_FORMAT, version: SYNC_FORMAT_VERSION, vaultId, device, writtenAt, key, check: await sealHeaderCheck(masterKey, state), records };
}

/** Parses and checks the shape of a device file; anything unexpected is `sync_bad_remote`. Nothing is opened. */
export function parseDeviceFile(text: string): DeviceFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw badRemote('it is not JSON');
  }
  if (!isObject(data) || data.format !== SYNC_FORMAT) throw badRemote('it is not a Keyring sync file');
  if (data.version !== SYNC_FORMAT_VERSION) throw badRemote(`format version ${String(data.version)} is not supported`);
  const vaultId = text_(data.vaultId, 'vaultId');
  const device = deviceInfo(data.device);
  const writtenAt = number_(data.writtenAt, 'writtenAt');
  const key = keyHeader(data.key);
  const check = sealedText(data.check, 'check');
  if (!Array.isArray(data.records) || data.records.length > MAX_RECORDS) throw badRemote('records is not a list');
  const records = data.records.map((r: unknown): RemoteRecord => {
    if (!isObject(r)) throw badRemote('a record is not an object');
    const sealed = sealedText(r, 'record');
    const del = r.del === undefined ? undefined : r.del === 1 ? (1 as const) : badRemote('a record has a bad tombstone flag');
    return { id: text_(r.id, 'record id'), vv: versionVector(r.vv), ...(del ? { del } : {}), ...sealed };
  });
  return { format: SYNC_FORMAT, version: SYNC_FORMAT_VERSION, vaultId, device, writtenAt, key, check, records };
}

/** Opens every record; one that fails authentication refuses the whole file (`sync_tampered`). */
export async function openDeviceFile(masterKey: CryptoKey, file: DeviceFile): Promise<RecordVersion[]> {
  await verifyHeaderCheck(masterKey, file, file.check);
  return Promise.all(
    file.records.map(async (r): Promise<RecordVersion> => {
      const deleted = r.del === 1;
      let payload: unknown;
      try {
        const plaintext = await open(masterKey, fromSealedText(r), recordAd(file.vaultId, r.id, r.vv, deleted));
        payload = JSON.parse(fromUtf8(plaintext));
      } catch (error) {
        throw tamperedOr(error, file.device);
      }
      return versionOf(r.id, r.vv, deleted, payload, file.device);
    }),
  );
}

/** The plaintext of one version, checked: an authenticated record can still be nonsense from a buggy writer. */
export function versionOf(id: string, vv: VersionVector, deleted: boolean, payload: unknown, device: DeviceInfo): RecordVersion {
  if (!isObject(payload)) throw badRemote(`record ${id} from ${device.name} is not an object`);
  const by = deviceInfo(payload.by);
  if (deleted) {
    if (payload.account !== null) throw badRemote(`tombstone ${id} carries an account`);
    if (payload.at === undefined) return { id, vv, deleted, account: null, by };
    return { id, vv, deleted, account: null, by, at: number_(payload.at, `tombstone ${id} time`) };
  }
  return { id, vv, deleted, account: checkAccount(payload.account, id), by };
}

const OTP_TYPES = new Set(['totp', 'hotp', 'steam']);
const ALGORITHMS = new Set(['SHA1', 'SHA256', 'SHA512']);

export function checkAccount(value: unknown, id: string): Account {
  if (!isObject(value)) throw badRemote(`account ${id} is not an object`);
  const a = value;
  const ok =
    a.id === id &&
    OTP_TYPES.has(a.type as string) &&
    ALGORITHMS.has(a.algorithm as string) &&
    typeof a.secret === 'string' && /^[A-Z2-7]{1,1024}$/.test(a.secret) &&
    typeof a.issuer === 'string' && typeof a.name === 'string' && typeof a.notes === 'string' &&
    Number.isInteger(a.digits) && (a.digits as number) >= 4 && (a.digits as number) <= 10 &&
    Number.isInteger(a.period) && (a.period as number) > 0 &&
    Number.isSafeInteger(a.counter) && (a.counter as number) >= 0 &&
    Number.isFinite(a.order) && Number.isFinite(a.createdAt) &&
    typeof a.pinned === 'boolean' &&
    Array.isArray(a.sites) && a.sites.every((s) => typeof s === 'string') &&
    Array.isArray(a.recoveryCodes) && a.recoveryCodes.every((c) => isObject(c) && typeof c.code === 'string' && typeof c.used === 'boolean');
  if (!ok) throw badRemote(`account ${id} has missing or wrong fields`);
  return a as unknown as Account;
}

export function keyHeader(value: unknown): KeyHeader {
  if (!isObject(value)) throw badRemote('key is missing');
  const kdf = value.kdf;
  if (
    !isObject(kdf) || kdf.name !== 'argon2id' ||
    !Number.isInteger(kdf.memoryKiB) || (kdf.memoryKiB as number) < 8 || (kdf.memoryKiB as number) > 4 * 1024 * 1024 ||
    !Number.isInteger(kdf.iterations) || (kdf.iterations as number) < 1 || (kdf.iterations as number) > 64 ||
    !Number.isInteger(kdf.parallelism) || (kdf.parallelism as number) < 1 || (kdf.parallelism as number) > 16 ||
    typeof kdf.salt !== 'string'
  ) {
    throw badRemote('key derivation parameters are not valid');
  }
  return {
    kdf: { name: 'argon2id', memoryKiB: kdf.memoryKiB as number, iterations: kdf.iterations as number, parallelism: kdf.parallelism as number, salt: base64(kdf.salt, 'salt') },
    wrappedKey: sealedText(value.wrappedKey, 'wrapped key'),
    changedAt: number_(value.changedAt, 'changedAt'),
  };
}

export function sealedText(value: unknown, what: string): SealedText {
  if (!isObject(value)) throw badRemote(`${what} is missing`);
  const iv = base64(value.iv, `${what} iv`);
  const ct = base64(value.ct, `${what} ciphertext`);
  if (fromBase64(iv).length !== IV_LENGTH || fromBase64(ct).length < 16) throw badRemote(`${what} is too short`);
  return { iv, ct };
}

function versionVector(value: unknown): VersionVector {
  if (!isObject(value)) throw badRemote('a version vector is missing');
  const entries = Object.entries(value);
  if (entries.length === 0 || entries.length > 1000) throw badRemote('a version vector is empty');
  const vv: VersionVector = {};
  for (const [k, n] of entries) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(k) || !Number.isSafeInteger(n) || (n as number) < 1) throw badRemote('a version vector is not valid');
    vv[k] = n as number;
  }
  return vv;
}

export function deviceInfo(value: unknown): DeviceInfo {
  if (!isObject(value)) throw badRemote('device is missing');
  const id = value.id;
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw badRemote('device id is not valid');
  return { id, name: text_(value.name, 'device name').slice(0, 100) };
}

function base64(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length > 16 * 1024 * 1024 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) {
    throw badRemote(`${what} is not base64`);
  }
  return value;
}

function text_(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TEXT) throw badRemote(`${what} is not valid`);
  return value;
}

function number_(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw badRemote(`${what} is not a number`);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function badRemote(why: string): never {
  throw new AppError('sync_bad_remote', `The synced data could not be read: ${why}. Nothing was changed.`);
}

function tampered(device: DeviceInfo): AppError {
  return new AppError('sync_tampered', `The synced data from “${device.name}” failed authentication (altered, or another vault). Nothing was changed.`);
}

function tamperedOr(error: unknown, device: DeviceInfo): unknown {
  if (error instanceof DecryptionFailed || error instanceof SyntaxError || error instanceof TypeError) return tampered(device);
  return error;
}
