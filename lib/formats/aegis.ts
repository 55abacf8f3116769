import { scrypt } from 'hash-wasm';
import { AppError } from '@/lib/errors';
import { imageIconFromBase64 } from '@/lib/icons/icon';
import type { AccountDraft, RecoveryCode } from '@/lib/otp/account';
import { draftFrom, entryPlace, hexToBytes, isObject, readEntries, requirePassword, str, type JsonObject } from './common';
import { aesGcmDecrypt } from '@/lib/vault/crypto';
import { concatBytes, fromBase64, fromUtf8, toBase64, utf8 } from '@/lib/vault/bytes';
import type { Importer, ImportInput, ImportResult } from './types';

/** Our fields Aegis has no place for, kept under one namespaced key per entry (Aegis ignores it). */
export const EXTRA_KEY = 'keyring';

export interface KeyringExtra {
  sites?: string[];
  recoveryCodes?: RecoveryCode[];
  order?: number;
}

const MAX_SCRYPT_LOG_N = 20; // 2^20 × r=8 × 128 B = 1 GiB: more is not a real Aegis file

function isAegis(json: unknown): json is JsonObject & { header: JsonObject } {
  return isObject(json) && json.version !== undefined && isObject(json.header) && 'db' in json;
}

/** Derives the scrypt key of a password slot and unwraps the master key; null when the password is wrong. */
export async function unwrapSlot(slot: JsonObject, password: string): Promise<Uint8Array | null> {
  const n = Number(slot.n);
  const r = Number(slot.r);
  const p = Number(slot.p);
  const logN = Math.log2(n);
  if (!Number.isInteger(logN) || logN < 1 || logN > MAX_SCRYPT_LOG_N || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) {
    throw new AppError('damaged_backup', `The Aegis backup's password slot has unusable scrypt parameters (N=${String(slot.n)}, r=${String(slot.r)}, p=${String(slot.p)}).`);
  }
  const keyParams = isObject(slot.key_params) ? slot.key_params : {};
  const salt = hexToBytes(slot.salt, 'slot salt');
  const wrapped = hexToBytes(slot.key, 'wrapped key');
  const nonce = hexToBytes(keyParams.nonce, 'slot nonce');
  const tag = hexToBytes(keyParams.tag, 'slot tag');
  const derived = await scrypt({ password: utf8(password), salt, costFactor: n, blockSize: r, parallelism: p, hashLength: 32, outputType: 'binary' });
  return aesGcmDecrypt(derived, nonce, concatBytes(wrapped, tag));
}

async function decryptDb(json: JsonObject & { header: JsonObject }, password: string): Promise<{ content: unknown; slotUuid: unknown }> {
  const slots = Array.isArray(json.header.slots) ? json.header.slots.filter(isObject) : [];
  const passwordSlots = slots.filter((slot) => slot.type === 1);
  if (passwordSlots.length === 0) {
    throw new AppError('unsupported_format', 'This Aegis backup has no password slot (only a biometric one): export it again from Aegis with a password.');
  }
  let masterKey: Uint8Array | null = null;
  let slotUuid: unknown;
  for (const slot of passwordSlots) {
    masterKey = await unwrapSlot(slot, password);
    slotUuid = slot.uuid;
    if (masterKey) break;
  }
  if (!masterKey) throw new AppError('wrong_passphrase', 'Wrong password for this Aegis backup.');
  const params = isObject(json.header.params) ? json.header.params : {};
  const ciphertext = typeof json.db === 'string' ? json.db : '';
  let sealedContent: Uint8Array;
  try {
    sealedContent = fromBase64(ciphertext);
    // Non-canonical base64 (changed padding bits) would decode to the same bytes: refuse it as a change.
    if (toBase64(sealedContent) !== ciphertext) throw new Error('not canonical');
  } catch {
    throw new AppError('damaged_backup', 'The Aegis backup was changed or damaged: its content is not valid base64.');
  }
  const plaintext = await aesGcmDecrypt(masterKey, hexToBytes(params.nonce, 'content nonce'), concatBytes(sealedContent, hexToBytes(params.tag, 'content tag')));
  if (!plaintext) throw new AppError('damaged_backup', 'The Aegis backup was changed or damaged: authentication of its content failed.');
  let content: unknown;
  try {
    content = JSON.parse(fromUtf8(plaintext));
  } catch {
    throw new AppError('damaged_backup', 'The Aegis backup decrypted, but its content is not JSON.');
  }
  // Our own backups name their slot inside the encrypted content, so the one unauthenticated part of
  // the header that could be changed without breaking decryption is checked too.
  if (isObject(content) && isObject(content[EXTRA_KEY]) && content[EXTRA_KEY].slot !== slotUuid) {
    throw new AppError('damaged_backup', 'The Aegis backup was changed: its header does not match its content.');
  }
  return { content, slotUuid };
}

function extraOf(entry: JsonObject): KeyringExtra {
  const extra = entry[EXTRA_KEY];
  if (!isObject(extra)) return {};
  const sites = Array.isArray(extra.sites) ? extra.sites.filter((s): s is string => typeof s === 'string').slice(0, 100) : undefined;
  const recoveryCodes = Array.isArray(extra.recoveryCodes)
    ? extra.recoveryCodes.filter(isObject).filter((c) => typeof c.code === 'string').map((c) => ({ code: String(c.code), used: c.used === true })).slice(0, 1000)
    : undefined;
  const order = typeof extra.order === 'number' && Number.isSafeInteger(extra.order) ? extra.order : undefined;
  return { sites, recoveryCodes, order };
}

function readContent(content: unknown, encrypted: boolean): ImportResult {
  if (!isObject(content) || !Array.isArray(content.entries)) throw new AppError('damaged_backup', 'The Aegis backup has no list of entries.');
  const version = Number(content.version);
  if (Number.isInteger(version) && version > 3) throw new AppError('unsupported_format', `This Aegis backup has content version ${version}, which is newer than we read (1–3).`);
  const entries = content.entries;
  const read = (entry: unknown): AccountDraft => {
    if (!isObject(entry)) throw new AppError('invalid_entry', 'not an object');
    const info = isObject(entry.info) ? entry.info : {};
    const draft = draftFrom({ type: entry.type, issuer: entry.issuer, name: entry.name, secret: info.secret, algorithm: info.algo, digits: info.digits, period: info.period, counter: info.counter, notes: entry.note, pinned: entry.favorite });
    const extra = extraOf(entry);
    // Aegis keeps each entry's icon inline (base64 + MIME type); a bad one is dropped, not the entry.
    const icon = imageIconFromBase64(entry.icon_mime, entry.icon);
    return { ...draft, sites: extra.sites ?? [], recoveryCodes: extra.recoveryCodes ?? [], ...(icon ? { icon } : {}) };
  };
  const orders = entries.map((entry) => (isObject(entry) ? extraOf(entry).order : undefined));
  const { accounts, skipped } = readEntries(entries, read, (entry, i) => (isObject(entry) ? entryPlace(i, entry.issuer, entry.name) : entryPlace(i)));
  // Our own backups carry the person's order; restore it (entries without one keep file order).
  if (orders.some((o) => o !== undefined)) {
    const indexed = accounts.map((account, i) => ({ account, order: orders[i] ?? Number.MAX_SAFE_INTEGER, i }));
    indexed.sort((a, b) => a.order - b.order || a.i - b.i);
    accounts.splice(0, accounts.length, ...indexed.map((x) => x.account));
  }
  return { format: { id: 'aegis', encrypted, version: Number.isFinite(version) ? String(version) : '?' }, accounts, skipped };
}

export const aegisImporter: Importer = {
  id: 'aegis',
  detect(input: ImportInput) {
    const json = input.json;
    if (!isAegis(json)) return 'no';
    return typeof json.db === 'string' ? 'encrypted' : 'plain';
  },
  async read(input: ImportInput, password?: string) {
    const json = input.json;
    if (!isAegis(json)) throw new AppError('unknown_format', 'This is not an Aegis backup.');
    if (Number(json.version) !== 1) throw new AppError('unsupported_format', `This Aegis backup has file version ${str(json.version)}; we read version 1.`);
    if (typeof json.db === 'string') return readContent((await decryptDb(json, requirePassword(password, 'Aegis'))).content, true);
    return readContent(json.db, false);
  },
};
