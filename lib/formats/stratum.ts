import { argon2id } from 'hash-wasm';
import { AppError } from '@/lib/errors';
import { draftFrom, entryPlace, isObject, readEntries, requirePassword, type JsonObject } from './common';
import { aesGcmDecrypt, pbkdf2 } from '@/lib/vault/crypto';
import { concatBytes } from '@/lib/vault/bytes';
import type { Importer, ImportFormat, ImportInput, ImportResult } from './types';

/**
 * Stratum (formerly Authenticator Pro) backups:
 * - plain: JSON `{Authenticators: [{Type, Issuer, Username, Secret, Algorithm, Digits, Period, Counter, …}]}`;
 * - encrypted: `AUTHENTICATORPRO` ‖ salt(16) ‖ IV(12) ‖ AES-256-GCM, key = Argon2id(t=3, 64 MiB, p=4, 32 bytes);
 * - legacy encrypted: `AuthenticatorPro` ‖ salt(20) ‖ IV(16) ‖ AES-256-CBC, key = PBKDF2-HMAC-SHA1 ×64,000.
 * Type 1 is HOTP, 2 TOTP, 4 Steam; Algorithm 0/1/2 is SHA-1/256/512. Learned from Aegis's StratumImporter and
 * its test files.
 */
const HEADER = new TextEncoder().encode('AUTHENTICATORPRO');
const HEADER_LEGACY = new TextEncoder().encode('AuthenticatorPro');
const TYPES: Record<number, 'hotp' | 'totp' | 'steam'> = { 1: 'hotp', 2: 'totp', 4: 'steam' };
const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'];

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function isStratumJson(json: unknown): json is JsonObject & { Authenticators: unknown[] } {
  return isObject(json) && Array.isArray(json.Authenticators);
}

export function readJson(json: JsonObject & { Authenticators: unknown[] }, format: ImportFormat): ImportResult {
  const read = readEntries(
    json.Authenticators,
    (entry) => {
      const item = isObject(entry) ? entry : {};
      const type = TYPES[Number(item.Type)];
      const algorithm = ALGORITHMS[Number(item.Algorithm)];
      return draftFrom({
        type: type ?? `type ${String(item.Type).slice(0, 10)}`,
        issuer: item.Issuer,
        name: item.Username ?? '',
        secret: item.Secret,
        algorithm: algorithm ?? `algorithm ${String(item.Algorithm).slice(0, 10)}`,
        digits: item.Digits,
        period: item.Period,
        counter: item.Counter,
      });
    },
    (entry, i) => (isObject(entry) ? entryPlace(i, entry.Issuer, entry.Username) : entryPlace(i)),
  );
  return { format, ...read };
}

function parseDecrypted(plain: Uint8Array | null, wrong: string): JsonObject & { Authenticators: unknown[] } {
  if (!plain) throw new AppError('wrong_passphrase', wrong);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch {
    throw new AppError('wrong_passphrase', wrong);
  }
  if (!isStratumJson(json)) throw new AppError('damaged_backup', 'The Stratum backup decrypted, but holds no list of authenticators.');
  return json;
}

export const stratumImporter: Importer = {
  id: 'stratum',
  detect(input: ImportInput) {
    if (startsWith(input.bytes, HEADER) || startsWith(input.bytes, HEADER_LEGACY)) return 'encrypted';
    return isStratumJson(input.json) ? 'plain' : 'no';
  },
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    const { bytes } = input;
    if (startsWith(bytes, HEADER)) {
      if (bytes.length < HEADER.length + 16 + 12 + 16) throw new AppError('damaged_backup', 'The Stratum backup is cut short.');
      const salt = bytes.slice(16, 32);
      const iv = bytes.slice(32, 44);
      const key = await argon2id({ password: requirePassword(password, 'Stratum'), salt, iterations: 3, memorySize: 65_536, parallelism: 4, hashLength: 32, outputType: 'binary' });
      // GCM tells a wrong password and a changed file apart only by trying: both fail authentication.
      const json = parseDecrypted(await aesGcmDecrypt(key, iv, bytes.slice(44)), 'Wrong password for this Stratum backup (or the file was changed).');
      return readJson(json, { id: 'stratum', encrypted: true });
    }
    if (startsWith(bytes, HEADER_LEGACY)) {
      const data = bytes.slice(16 + 20 + 16);
      if (data.length === 0 || data.length % 16 !== 0) throw new AppError('damaged_backup', 'The Stratum backup is cut short.');
      const keyBytes = await pbkdf2(requirePassword(password, 'Stratum'), bytes.slice(16, 36), 64_000, 'SHA-1');
      const key = await crypto.subtle.importKey('raw', concatBytes(keyBytes), 'AES-CBC', false, ['decrypt']);
      let plain: Uint8Array | null = null;
      try {
        plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: bytes.slice(36, 52) }, key, data));
      } catch {
        plain = null;
      }
      return readJson(parseDecrypted(plain, 'Wrong password for this Stratum backup.'), { id: 'stratum', encrypted: true, older: true });
    }
    const { json } = input;
    if (!isStratumJson(json)) throw new AppError('unknown_format', 'This is not a Stratum backup.');
    return readJson(json, { id: 'stratum', encrypted: false });
  },
};
