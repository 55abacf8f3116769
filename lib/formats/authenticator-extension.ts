import { argon2id, argon2Verify, md5 } from 'hash-wasm';
import { AppError } from '@/lib/errors';
import { base64ToBytes, draftFrom, entryPlace, hexToBytes, InvalidEntry, isObject, readEntries, requirePassword, type JsonObject } from './common';
import { concatBytes } from '@/lib/vault/bytes';
import type { Importer, ImportInput, ImportResult } from './types';

/**
 * The "Authenticator" browser extension (Authenticator-Extension/Authenticator) writes its JSON backup as an
 * object keyed by each entry's hash: `{account, issuer, secret, type, period?, digits?, algorithm?, counter?,
 * encrypted, hash, index, pinned?}`. Two encrypted forms exist:
 * - older versions: `encrypted: true` and `secret` = CryptoJS.AES.encrypt(secret, password), i.e. OpenSSL's
 *   `Salted__` format (EVP_BytesToKey with MD5, AES-256-CBC). We read it: MD5 from hash-wasm, AES from WebCrypto.
 * - newer versions: a `{dataType: 'Key', id, salt, hash, version: 3}` item and entries
 *   `{dataType: 'EncOTPStorage', keyId, data, index}`, `data` = CryptoJS.AES.encrypt(JSON of the plain entry,
 *   passphrase) where the passphrase is the hash part of Argon2id(password, key.salt) (see unlockKey).
 */
interface Backup {
  entries: JsonObject[];
  /** Entries of the newer keyed encryption. */
  keyed: boolean;
  /** The `dataType: 'Key'` items: {id, salt, hash (Argon2id PHC string of the derived key), version: 3}. */
  keys: JsonObject[];
}

function isKeyItem(name: string, value: unknown): boolean {
  // `key` held the wrapped key of some versions; `dataType: 'Key'` items hold it in newer ones.
  return name === 'key' || (isObject(value) && value.dataType === 'Key');
}

function isPlainOrLegacyEntry(value: JsonObject): boolean {
  return 'secret' in value && ('hash' in value || 'encrypted' in value) && ('account' in value || 'issuer' in value);
}

function backupOf(json: unknown): Backup | null {
  if (!isObject(json)) return null;
  const entries = Object.entries(json)
    .filter(([name, value]) => !isKeyItem(name, value))
    .map(([, value]) => value);
  if (entries.length === 0 || !entries.every(isObject)) return null;
  const objects = entries as JsonObject[];
  const keyed = objects.some((e) => e.dataType === 'EncOTPStorage');
  if (!objects.every((e) => (e.dataType === 'EncOTPStorage' && typeof e.data === 'string') || isPlainOrLegacyEntry(e))) return null;
  const keys = Object.values(json).filter((value): value is JsonObject => isObject(value) && value.dataType === 'Key');
  return { entries: objects, keyed, keys };
}

/** OpenSSL's EVP_BytesToKey with MD5 and one round, as CryptoJS uses for a passphrase: 32-byte key + 16-byte IV. */
async function opensslKeyAndIv(password: Uint8Array, salt: Uint8Array): Promise<{ key: Uint8Array; iv: Uint8Array }> {
  let derived = new Uint8Array();
  let block = new Uint8Array();
  while (derived.length < 48) {
    block = hexToBytes(await md5(concatBytes(block, password, salt)), 'key');
    derived = concatBytes(derived, block);
  }
  return { key: derived.subarray(0, 32), iv: derived.subarray(32, 48) };
}

const SALTED = [0x53, 0x61, 0x6c, 0x74, 0x65, 0x64, 0x5f, 0x5f]; // "Salted__"

/** CryptoJS.AES.decrypt(text, password) as UTF-8, or null when the password does not fit (bad padding or text). */
async function decryptCryptoJs(text: string, password: string): Promise<string | null> {
  const bytes = base64ToBytes(text, 'encrypted secret');
  if (bytes.length < 32 || (bytes.length - 16) % 16 !== 0 || !SALTED.every((b, i) => bytes[i] === b)) {
    throw new InvalidEntry('entry_damaged', 'its encrypted secret is not in the extension’s format');
  }
  const { key, iv } = await opensslKeyAndIv(new TextEncoder().encode(password), bytes.subarray(8, 16));
  try {
    const cryptoKey = await crypto.subtle.importKey('raw', concatBytes(key), 'AES-CBC', false, ['decrypt']);
    const plain = await crypto.subtle.decrypt({ name: 'AES-CBC', iv: concatBytes(iv) }, cryptoKey, concatBytes(bytes.subarray(16)));
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    return null;
  }
}

/** A decrypted secret as the extension accepts it: base32 (or hex, which we cannot hold) of at least 8 characters. */
const PLAUSIBLE_SECRET = /^([a-z2-7]+=*|[0-9a-f]+)$/i;

const TYPES: Record<string, string> = { totp: 'totp', hotp: 'hotp', steam: 'steam' };

/** The extension's OTPAlgorithm enum, in case a backup holds the number rather than the name. */
const ALGORITHM_NUMBERS: Record<number, string> = { 1: 'SHA1', 2: 'SHA256', 3: 'SHA512', 4: 'GOST3411_2012_256', 5: 'GOST3411_2012_512' };

function draftOf(entry: JsonObject, secret: unknown) {
  const typeText = typeof entry.type === 'string' && entry.type ? entry.type.toLowerCase() : 'totp';
  const type = TYPES[typeText];
  if (!type) throw new InvalidEntry('uri_unsupported_type', `${typeText.slice(0, 20)} accounts are not supported (only TOTP, HOTP and Steam)`, { type: typeText.slice(0, 20) });
  return draftFrom({ type, issuer: entry.issuer, name: entry.account, secret, algorithm: typeof entry.algorithm === 'number' ? (ALGORITHM_NUMBERS[entry.algorithm] ?? String(entry.algorithm)) : entry.algorithm, digits: entry.digits, period: entry.period, counter: entry.counter, pinned: entry.pinned });
}

/** Argon2id costs the extension uses (argon.ts: t=2, 19 MiB, p=1, 32 bytes); a key's own hash may say otherwise, within reason. */
const KEY_ARGON2 = { iterations: 2, memorySize: 19 * 1024, parallelism: 1, hashLength: 32 };

function checkPhcCosts(hash: string): void {
  const params = /^\$argon2id?\$v=19\$m=(\d{1,8}),t=(\d{1,5}),p=(\d{1,3})\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(hash);
  if (!params) throw new AppError('damaged_backup', 'The Authenticator extension backup’s key is damaged: its hash is not an Argon2id hash.');
  if (Number(params[1]) > 1024 * 1024 || Number(params[2]) > 1000 || Number(params[3]) > 64) throw new AppError('damaged_backup', 'The Authenticator extension backup’s key asks for Argon2 costs beyond any the extension sets: it is damaged.');
}

/**
 * The extension's key (store/Accounts.ts, import.ts): Argon2id(password, salt = the key's `salt` text) in PHC form;
 * its base64 hash part is the passphrase every entry is CryptoJS-encrypted with. The key's `hash` is an Argon2id
 * hash of that passphrase, which tells a wrong password apart.
 */
async function unlockKey(key: JsonObject, password: string): Promise<string> {
  if (typeof key.salt !== 'string' || typeof key.hash !== 'string' || key.salt.length > 1024) throw new AppError('damaged_backup', 'The Authenticator extension backup’s key is damaged.');
  checkPhcCosts(key.hash);
  const encoded = await argon2id({ password, salt: new TextEncoder().encode(key.salt), ...KEY_ARGON2, outputType: 'encoded' });
  const passphrase = encoded.split('$')[5] ?? '';
  if (!(await argon2Verify({ password: passphrase, hash: key.hash }))) throw new AppError('wrong_passphrase', 'Wrong password for this Authenticator extension backup.');
  return passphrase;
}

/** The newer backup's entries, decrypted with their keys into the extension's plain entries. */
async function openKeyed(backup: Backup, password: string): Promise<JsonObject[]> {
  const passphrases = new Map<string, string>();
  const entries: JsonObject[] = [];
  for (const entry of backup.entries) {
    if (entry.dataType !== 'EncOTPStorage') {
      entries.push(entry);
      continue;
    }
    const keyId = String(entry.keyId);
    if (!passphrases.has(keyId)) {
      const key = backup.keys.find((k) => k.id === keyId);
      if (!key) throw new AppError('damaged_backup', 'The Authenticator extension backup is damaged: the key its entries are encrypted with is missing.');
      passphrases.set(keyId, await unlockKey(key, password));
    }
    let inner: unknown = null;
    try {
      const text = await decryptCryptoJs(String(entry.data), passphrases.get(keyId)!);
      inner = text === null ? null : JSON.parse(text);
    } catch {
      inner = null;
    }
    // An entry that does not open with the unlocked key is damaged: kept with no secret, so it is skipped by name.
    entries.push(isObject(inner) ? { ...inner, index: entry.index, encrypted: false } : { index: entry.index, issuer: '', account: '', encrypted: false, secret: null, damaged: true });
  }
  return entries;
}

/** Decrypts every encrypted secret; a password that opens none of them is a wrong password. */
async function decryptSecrets(entries: JsonObject[], password: string): Promise<Map<JsonObject, string>> {
  const secrets = new Map<JsonObject, string>();
  let encrypted = 0;
  for (const entry of entries) {
    if (entry.encrypted !== true || typeof entry.secret !== 'string') continue;
    encrypted++;
    let secret: string | null;
    try {
      secret = await decryptCryptoJs(entry.secret, password);
    } catch {
      continue; // unreadable ciphertext: the entry is skipped with a reason below
    }
    if (secret !== null && secret.length >= 8 && PLAUSIBLE_SECRET.test(secret.replace(/ /g, ''))) secrets.set(entry, secret);
  }
  if (encrypted > 0 && secrets.size === 0) throw new AppError('wrong_passphrase', 'Wrong password for this Authenticator extension backup: none of its secrets could be decrypted with it.');
  return secrets;
}

export const authenticatorExtensionImporter: Importer = {
  id: 'authenticator-extension',
  detect(input: ImportInput) {
    const backup = backupOf(input.json);
    if (!backup) return 'no';
    return backup.keyed || backup.entries.some((e) => e.encrypted === true) ? 'encrypted' : 'plain';
  },
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    const backup = backupOf(input.json);
    if (!backup) throw new AppError('unknown_format', 'This is not an Authenticator extension backup.');
    const entries = backup.keyed ? await openKeyed(backup, requirePassword(password, 'Authenticator extension')) : backup.entries;
    const encrypted = backup.keyed || entries.some((e) => e.encrypted === true);
    const secrets = entries.some((e) => e.encrypted === true) ? await decryptSecrets(entries, requirePassword(password, 'Authenticator extension')) : new Map<JsonObject, string>();
    const sorted = [...entries].sort((a, b) => (Number(a.index) || 0) - (Number(b.index) || 0));
    const { accounts, skipped } = readEntries(
      sorted,
      (entry) => {
        if (entry.damaged === true) throw new InvalidEntry('entry_damaged', 'it does not decrypt with the backup’s key: the entry is damaged');
        if (entry.encrypted !== true) return draftOf(entry, entry.secret);
        const secret = secrets.get(entry);
        if (secret === undefined) throw new InvalidEntry('secret_not_decrypted', 'its secret could not be decrypted with this password');
        return draftOf(entry, secret);
      },
      (entry, i) => entryPlace(i, entry.issuer, entry.account),
    );
    return { format: { id: 'authenticator-extension', encrypted }, accounts, skipped };
  },
};
