import { md5 } from 'hash-wasm';
import { AppError } from '@/lib/errors';
import { base64ToBytes, concat, draftFrom, entryLabel, hexToBytes, InvalidEntry, isObject, jsonOf, readEntries, requirePassword, type JsonObject } from './common';
import type { Importer, ImportInput, ImportResult } from './types';

/**
 * The "Authenticator" browser extension (Authenticator-Extension/Authenticator) writes its JSON backup as an
 * object keyed by each entry's hash: `{account, issuer, secret, type, period?, digits?, algorithm?, counter?,
 * encrypted, hash, index, pinned?}`. Two encrypted forms exist:
 * - older versions: `encrypted: true` and `secret` = CryptoJS.AES.encrypt(secret, password), i.e. OpenSSL's
 *   `Salted__` format (EVP_BytesToKey with MD5, AES-256-CBC). We read it: MD5 from hash-wasm, AES from WebCrypto.
 * - newer versions: a `{dataType: 'Key', id, salt, hash}` entry (an Argon2 hash of the password) and entries
 *   `{dataType: 'EncOTPStorage', keyId, data}`; not read (see UNSUPPORTED_KEYED).
 */
interface Backup {
  entries: JsonObject[];
  /** Entries of the newer keyed encryption. */
  keyed: boolean;
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
  return { entries: objects, keyed };
}

const UNSUPPORTED_KEYED =
  'This Authenticator extension backup uses the extension’s newer password encryption (an Argon2 key inside the file), which we cannot open yet: in the Authenticator extension, export a backup without a password, import that file, then delete it.';

/** OpenSSL's EVP_BytesToKey with MD5 and one round, as CryptoJS uses for a passphrase: 32-byte key + 16-byte IV. */
async function opensslKeyAndIv(password: Uint8Array, salt: Uint8Array): Promise<{ key: Uint8Array; iv: Uint8Array }> {
  let derived = new Uint8Array();
  let block = new Uint8Array();
  while (derived.length < 48) {
    block = hexToBytes(await md5(concat(block, password, salt)), 'key');
    derived = concat(derived, block);
  }
  return { key: derived.subarray(0, 32), iv: derived.subarray(32, 48) };
}

const SALTED = [0x53, 0x61, 0x6c, 0x74, 0x65, 0x64, 0x5f, 0x5f]; // "Salted__"

/** CryptoJS.AES.decrypt(text, password) as UTF-8, or null when the password does not fit (bad padding or text). */
async function decryptCryptoJs(text: string, password: string): Promise<string | null> {
  const bytes = base64ToBytes(text, 'encrypted secret');
  if (bytes.length < 32 || (bytes.length - 16) % 16 !== 0 || !SALTED.every((b, i) => bytes[i] === b)) {
    throw new InvalidEntry('its encrypted secret is not in the extension’s format');
  }
  const { key, iv } = await opensslKeyAndIv(new TextEncoder().encode(password), bytes.subarray(8, 16));
  try {
    const cryptoKey = await crypto.subtle.importKey('raw', concat(key), 'AES-CBC', false, ['decrypt']);
    const plain = await crypto.subtle.decrypt({ name: 'AES-CBC', iv: concat(iv) }, cryptoKey, concat(bytes.subarray(16)));
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
  if (!type) throw new InvalidEntry(`${typeText.slice(0, 20)} accounts are not supported (only TOTP, HOTP and Steam)`);
  return draftFrom({ type, issuer: entry.issuer, name: entry.account, secret, algorithm: typeof entry.algorithm === 'number' ? (ALGORITHM_NUMBERS[entry.algorithm] ?? String(entry.algorithm)) : entry.algorithm, digits: entry.digits, period: entry.period, counter: entry.counter, pinned: entry.pinned });
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
    const backup = backupOf(jsonOf(input.bytes));
    if (!backup) return 'no';
    return backup.keyed || backup.entries.some((e) => e.encrypted === true) ? 'encrypted' : 'plain';
  },
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    const backup = backupOf(jsonOf(input.bytes));
    if (!backup) throw new AppError('unknown_format', 'This is not an Authenticator extension backup.');
    if (backup.keyed) throw new AppError('unsupported_format', UNSUPPORTED_KEYED);
    const encrypted = backup.entries.some((e) => e.encrypted === true);
    const secrets = encrypted ? await decryptSecrets(backup.entries, requirePassword(password, 'Authenticator extension')) : new Map<JsonObject, string>();
    const sorted = [...backup.entries].sort((a, b) => (Number(a.index) || 0) - (Number(b.index) || 0));
    const { accounts, skipped } = readEntries(
      sorted,
      (entry) => {
        if (entry.encrypted !== true) return draftOf(entry, entry.secret);
        const secret = secrets.get(entry);
        if (secret === undefined) throw new InvalidEntry('its secret could not be decrypted with this password');
        return draftOf(entry, secret);
      },
      (entry, i) => entryLabel(i, entry.issuer, entry.account),
    );
    return { format: `Authenticator extension backup (${encrypted ? 'encrypted' : 'plain'})`, accounts, skipped };
  },
};
