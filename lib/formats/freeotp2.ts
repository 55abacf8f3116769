import { AppError } from '@/lib/errors';
import { isObject, requirePassword, type JsonObject } from './common';
import { readTokens } from './freeotp';
import type { Importer, ImportInput, ImportResult } from './types';

/**
 * FreeOTP 2's encrypted backup (`externalBackup.xml`, despite the name): a Java-serialised `HashMap<String, String>`.
 * - `masterKey`: JSON {mAlgorithm: PBKDF2withHmacSHA1|SHA512, mIterations, mSalt, mEncryptedKey: {mCipher:
 *   AES/GCM/NoPadding, mCipherText, mParameters (DER GCM parameters holding the nonce), mToken (the AAD)}}; the
 *   password's PBKDF2 key (256 bits) opens the master key.
 * - per token `UUID`: JSON {key: JSON of the same encrypted-key shape, the token's secret under the master key} and
 *   `UUID-token`: FreeOTP 1's token JSON without its secret.
 * Byte lists are Java's signed bytes. Learned from Aegis's FreeOtpImporter and its test files (Android API 23–34).
 */
const JAVA_MAGIC = [0xac, 0xed, 0x00, 0x05];
const MAX_ENTRIES = 10_000;

function damaged(what: string): AppError {
  return new AppError('damaged_backup', `The FreeOTP backup is damaged: ${what}.`);
}

/** Java's modified UTF-8 (DataOutput.writeUTF): UTF-8 with NUL as C0 80 and surrogates encoded one by one. */
function modifiedUtf8(bytes: Uint8Array): string {
  const units: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const a = bytes[i++]!;
    if (a < 0x80) units.push(a);
    else if ((a & 0xe0) === 0xc0 && i < bytes.length) units.push(((a & 0x1f) << 6) | (bytes[i++]! & 0x3f));
    else if ((a & 0xf0) === 0xe0 && i + 1 < bytes.length) units.push(((a & 0x0f) << 12) | ((bytes[i++]! & 0x3f) << 6) | (bytes[i++]! & 0x3f));
    else throw damaged('a text in it is not valid');
  }
  let text = '';
  for (let i = 0; i < units.length; i += 8192) text += String.fromCharCode(...units.slice(i, i + 8192));
  return text;
}

/** Reads the serialised HashMap<String, String> (object stream protocol 5), strings and back-references only. */
export function readJavaStringMap(bytes: Uint8Array): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.length) throw damaged('it is cut short');
  };
  const u8 = () => (need(1), bytes[at++]!);
  const u16 = () => (need(2), (at += 2), view.getUint16(at - 2));
  const u32 = () => (need(4), (at += 4), view.getUint32(at - 4));
  const utf = (length: number) => (need(length), modifiedUtf8(bytes.subarray(at, (at += length))));
  const handles: unknown[] = [];

  if (!JAVA_MAGIC.every((b) => u8() === b)) throw damaged('it is not a Java object stream');
  if (u8() !== 0x73 || u8() !== 0x72) throw damaged('it does not start with a map');
  const className = utf(u16());
  if (className !== 'java.util.HashMap') throw new AppError('unsupported_format', `This Java object file holds a ${className.slice(0, 60)}, not FreeOTP's backup.`);
  need(9);
  at += 8; // serialVersionUID
  at += 1; // flags
  // Primitive fields only (loadFactor, and threshold on older Androids); their values follow the description.
  const SIZES: Record<string, number> = { B: 1, Z: 1, C: 2, S: 2, F: 4, I: 4, J: 8, D: 8 };
  let valueBytes = 0;
  const fields = u16();
  for (let i = 0; i < fields; i++) {
    const size = SIZES[String.fromCharCode(u8())];
    if (size === undefined) throw damaged('the map has an unexpected field');
    utf(u16());
    valueBytes += size;
  }
  if (u8() !== 0x78 || u8() !== 0x70) throw damaged('the map’s description does not end as expected');
  handles.push('class', 'map');
  need(valueBytes);
  at += valueBytes;
  if (u8() !== 0x77) throw damaged('the map has no size');
  const blockLength = u8();
  need(blockLength);
  const size = view.getUint32(at + 4);
  at += blockLength;
  if (size > MAX_ENTRIES) throw damaged(`it claims ${size} entries`);
  const string = (): string => {
    const tag = u8();
    if (tag === 0x74) {
      const text = utf(u16());
      handles.push(text);
      return text;
    }
    if (tag === 0x7c) {
      need(8);
      const high = u32();
      const length = u32();
      if (high !== 0) throw damaged('a text in it is too long');
      const text = utf(length);
      handles.push(text);
      return text;
    }
    if (tag === 0x71) {
      const value = handles[u32() - 0x7e0000];
      if (typeof value !== 'string') throw damaged('a reference in it points nowhere');
      return value;
    }
    throw damaged('the map holds something other than texts');
  };
  const map = new Map<string, string>();
  for (let i = 0; i < size; i++) {
    const key = string();
    map.set(key, string());
  }
  return map;
}

const signedBytes = (value: unknown, what: string): Uint8Array<ArrayBuffer> => {
  if (!Array.isArray(value) || value.length > 1 << 16 || !value.every((b) => Number.isInteger(b) && b >= -128 && b <= 255)) throw damaged(`${what} is not a list of bytes`);
  return Uint8Array.from(value as number[], (b) => b & 0xff);
};

/** The nonce in Java's DER-encoded GCMParameters: SEQUENCE { OCTET STRING nonce, INTEGER tag length }, or a bare OCTET STRING. */
function nonceOf(der: Uint8Array): Uint8Array<ArrayBuffer> {
  let at = 0;
  if (der[at] === 0x30) at += 2;
  if (der[at] !== 0x04) throw damaged('the encryption parameters hold no nonce');
  const length = der[at + 1] ?? 0;
  if (length < 1 || length > 64 || at + 2 + length > der.length) throw damaged('the encryption nonce is not valid');
  return der.slice(at + 2, at + 2 + length);
}

function json(text: string | undefined, what: string): JsonObject {
  try {
    const value: unknown = JSON.parse(text ?? '');
    if (isObject(value)) return value;
  } catch {
    // falls through
  }
  throw damaged(`${what} is not valid`);
}

/** Opens one of FreeOTP's encrypted keys (AES-GCM, its `mToken` as additional data); null when authentication fails. */
async function openKey(key: CryptoKey, encrypted: JsonObject, what: string): Promise<Uint8Array | null> {
  if (encrypted.mCipher !== 'AES/GCM/NoPadding') throw new AppError('unsupported_format', `The FreeOTP backup encrypts ${what} with ${String(encrypted.mCipher).slice(0, 40)}, which we do not read.`);
  const iv = nonceOf(signedBytes(encrypted.mParameters, `the parameters of ${what}`));
  const data = signedBytes(encrypted.mCipherText, `the encrypted ${what}`);
  const additionalData = new TextEncoder().encode(typeof encrypted.mToken === 'string' ? encrypted.mToken : '');
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData }, key, data));
  } catch {
    return null;
  }
}

const HASHES: Record<string, 'SHA-1' | 'SHA-512'> = { PBKDF2withHmacSHA1: 'SHA-1', PBKDF2withHmacSHA512: 'SHA-512' };

function isFreeOtp2(bytes: Uint8Array): boolean {
  if (!JAVA_MAGIC.every((b, i) => bytes[i] === b)) return false;
  // The class name follows at 8: `java.util.HashMap`.
  return new TextDecoder().decode(bytes.subarray(8, 25)) === 'java.util.HashMap';
}

export const freeotp2Importer: Importer = {
  id: 'freeotp2',
  detect: (input: ImportInput) => (isFreeOtp2(input.bytes) ? 'encrypted' : 'no'),
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    if (!isFreeOtp2(input.bytes)) throw new AppError('unknown_format', 'This is not a FreeOTP backup.');
    const map = readJavaStringMap(input.bytes);
    if (!map.has('masterKey')) throw damaged('it has no master key');
    const pass = requirePassword(password, 'FreeOTP');
    const master = json(map.get('masterKey'), 'its master key');
    const hash = HASHES[String(master.mAlgorithm)];
    if (!hash) throw new AppError('unsupported_format', `The FreeOTP backup derives its key with ${String(master.mAlgorithm).slice(0, 40)}, which we do not read.`);
    const iterations = Number(master.mIterations);
    if (!Number.isInteger(iterations) || iterations < 1 || iterations > 10_000_000) throw damaged(`its key derivation count (${String(master.mIterations).slice(0, 20)}) is not valid`);
    if (!isObject(master.mEncryptedKey)) throw damaged('its master key is missing');
    const passwordKey = await crypto.subtle.deriveKey(
      { name: 'PBKDF2', hash, salt: signedBytes(master.mSalt, 'the salt'), iterations },
      await crypto.subtle.importKey('raw', new TextEncoder().encode(pass), 'PBKDF2', false, ['deriveKey']),
      { name: 'AES-GCM', length: 256 },
      false,
      ['decrypt'],
    );
    const masterBytes = await openKey(passwordKey, master.mEncryptedKey, 'the master key');
    if (!masterBytes) throw new AppError('wrong_passphrase', 'Wrong password for this FreeOTP backup (or the file was changed).');
    if (masterBytes.length !== 16 && masterBytes.length !== 32) throw damaged('its master key has the wrong length');
    const masterKey = await crypto.subtle.importKey('raw', masterBytes.slice(), 'AES-GCM', false, ['decrypt']);

    const tokens: unknown[] = [];
    for (const [name, value] of map) {
      if (name === 'masterKey' || name.endsWith('-token')) continue;
      const token = json(map.get(`${name}-token`) ?? '{}', `token ${name.slice(0, 40)}`);
      let sealed: JsonObject;
      try {
        sealed = json(json(value, `the key of token ${name.slice(0, 40)}`).key as string, `the key of token ${name.slice(0, 40)}`);
      } catch {
        // Not a token's key (FreeOTP keeps nothing else here today): left out, as FreeOTP itself would.
        continue;
      }
      const secret = await openKey(masterKey, sealed, `the secret of token ${name.slice(0, 40)}`);
      if (!secret) throw damaged(`the secret of token “${String(token.label ?? name).slice(0, 40)}” does not decrypt`);
      tokens.push({ ...token, secret: Array.from(secret) });
    }
    // FreeOTP 2 keeps the next counter to use (Aegis's tests of these files expect the counters as stored).
    return readTokens(tokens, undefined, { id: 'freeotp', encrypted: true }, false);
  },
};
