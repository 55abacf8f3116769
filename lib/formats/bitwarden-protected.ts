import { argon2id } from 'hash-wasm';
import { AppError } from '@/lib/errors';
import { base64ToBytes, isObject, requirePassword, str, type JsonObject } from './common';
import { pbkdf2, sha256 } from '@/lib/vault/crypto';
import { concatBytes } from '@/lib/vault/bytes';

/**
 * Bitwarden's password-protected JSON export (`{encrypted: true, passwordProtected: true, salt, kdfType, …, data}`).
 * How Bitwarden's clients build it (libs/key-management and the vault-export service):
 * - master key = PBKDF2-SHA256(password, UTF-8 of the `salt` text, kdfIterations, 32 bytes) for kdfType 0, or
 *   Argon2id(password, SHA-256 of the salt text, kdfIterations, kdfMemory MiB, kdfParallelism, 32 bytes) for 1;
 * - stretched: enc key = HKDF-Expand-SHA256(master key, "enc", 32), MAC key = HKDF-Expand-SHA256(master key, "mac", 32);
 * - `encKeyValidation_DO_NOT_EDIT` and `data` are EncStrings of type 2: `2.` base64(iv) `|` base64(ciphertext)
 *   `|` base64(HMAC-SHA256(mac key, iv ‖ ciphertext)), AES-256-CBC with PKCS#7 padding;
 * - `data` decrypts to the plain JSON export.
 * The validation string tells a wrong password (its MAC fails) from a damaged `data` (its MAC fails after that).
 */
export function isPasswordProtectedBitwarden(json: unknown): json is JsonObject {
  return isObject(json) && json.encrypted === true && json.passwordProtected === true && typeof json.data === 'string';
}

/** Argon2id/PBKDF2 costs a file may ask for: Bitwarden's own limits, so a crafted file cannot hang the page. */
const LIMITS = { pbkdf2: [5_000, 2_000_000], argon2Iterations: [2, 10], argon2MemoryMiB: [15, 1_024], argon2Parallelism: [1, 16] } as const;

interface EncString {
  iv: Uint8Array;
  data: Uint8Array;
  mac: Uint8Array;
}

function parseEncString(value: unknown, what: string): EncString {
  const text = typeof value === 'string' ? value : '';
  const match = /^(\d+)\.([^|]*)\|([^|]*)\|([^|]*)$/.exec(text);
  if (!match) throw new AppError('damaged_backup', `The Bitwarden export's ${what} is not an encrypted Bitwarden value.`);
  if (match[1] !== '2') throw new AppError('unsupported_format', `The Bitwarden export's ${what} uses encryption type ${match[1]}; only type 2 (AES-CBC with HMAC) is used by password-protected exports.`);
  const parsed = { iv: base64ToBytes(match[2], `${what} IV`), data: base64ToBytes(match[3], what), mac: base64ToBytes(match[4], `${what} MAC`) };
  if (parsed.iv.length !== 16 || parsed.mac.length !== 32 || parsed.data.length === 0 || parsed.data.length % 16 !== 0) {
    throw new AppError('damaged_backup', `The Bitwarden export's ${what} has the wrong length.`);
  }
  return parsed;
}

function whole(value: unknown, what: string, [min, max]: readonly [number, number]): number {
  const number = typeof value === 'number' ? value : Number.NaN;
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new AppError('damaged_backup', `The Bitwarden export's ${what} (${str(value).slice(0, 20) || 'missing'}) is outside ${min}–${max}.`);
  }
  return number;
}

async function masterKey(json: JsonObject, password: string): Promise<Uint8Array> {
  const salt = new TextEncoder().encode(str(json.salt));
  if (salt.length === 0) throw new AppError('damaged_backup', 'The Bitwarden export has no salt.');
  if (json.kdfType === 0 || json.kdfType === undefined) {
    return pbkdf2(password, salt, whole(json.kdfIterations, 'PBKDF2 iteration count', LIMITS.pbkdf2), 'SHA-256');
  }
  if (json.kdfType === 1) {
    const hash = await argon2id({
      password,
      salt: await sha256(salt),
      iterations: whole(json.kdfIterations, 'Argon2id iteration count', LIMITS.argon2Iterations),
      memorySize: whole(json.kdfMemory, 'Argon2id memory (MiB)', LIMITS.argon2MemoryMiB) * 1024,
      parallelism: whole(json.kdfParallelism, 'Argon2id parallelism', LIMITS.argon2Parallelism),
      hashLength: 32,
      outputType: 'binary',
    });
    return hash;
  }
  throw new AppError('unsupported_format', `This Bitwarden export uses key derivation type ${str(json.kdfType).slice(0, 10)}, which we do not know (0 is PBKDF2, 1 is Argon2id).`);
}

async function hmacKey(key: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', concatBytes(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

/** HKDF-Expand (RFC 5869 §2.3) of one 32-byte block: HMAC(PRK, info ‖ 0x01). Bitwarden skips HKDF-Extract. */
async function hkdfExpand32(prk: Uint8Array, info: string): Promise<Uint8Array> {
  const block = concatBytes(new TextEncoder().encode(info), Uint8Array.of(1));
  return new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(prk), block));
}

/** Checks the MAC (WebCrypto's verify compares in constant time), then AES-256-CBC; null when the MAC fails. */
async function openEncString(value: EncString, encKey: Uint8Array, macKey: CryptoKey): Promise<Uint8Array | null> {
  if (!(await crypto.subtle.verify('HMAC', macKey, concatBytes(value.mac), concatBytes(value.iv, value.data)))) return null;
  try {
    const key = await crypto.subtle.importKey('raw', concatBytes(encKey), 'AES-CBC', false, ['decrypt']);
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: concatBytes(value.iv) }, key, concatBytes(value.data)));
  } catch {
    return null; // bad padding under a good MAC: the writer was broken
  }
}

/** Decrypts a password-protected export into the plain export's JSON, or throws a specific AppError. */
export async function openPasswordProtectedBitwarden(json: JsonObject, password: string | undefined): Promise<unknown> {
  const secret = requirePassword(password, 'Bitwarden');
  const validation = parseEncString(json.encKeyValidation_DO_NOT_EDIT, 'password check');
  const data = parseEncString(json.data, 'vault data');
  const master = await masterKey(json, secret);
  const [encKey, macKeyBytes] = [await hkdfExpand32(master, 'enc'), await hkdfExpand32(master, 'mac')];
  const macKey = await hmacKey(macKeyBytes);
  if (!(await openEncString(validation, encKey, macKey))) throw new AppError('wrong_passphrase', 'Wrong password for this Bitwarden export.');
  const plain = await openEncString(data, encKey, macKey);
  if (!plain) throw new AppError('damaged_backup', 'The Bitwarden export was changed or damaged: its vault data failed authentication.');
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch {
    throw new AppError('damaged_backup', 'The Bitwarden export decrypted, but its vault data is not JSON.');
  }
}
