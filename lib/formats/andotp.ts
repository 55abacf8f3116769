import { AppError } from '@/lib/errors';
import { draftFrom, entryPlace, isObject, readEntries, requirePassword, str, } from './common';
import { aesGcmDecrypt, pbkdf2, sha256 } from '@/lib/vault/crypto';
import type { Importer, ImportInput, ImportResult } from './types';

/** PNG, JPEG, GIF, PDF, ZIP, RIFF (WebP), gzip, ELF: files a person may pick by mistake, never andOTP backups. */
const KNOWN_MAGIC = [
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
  [0x25, 0x50, 0x44, 0x46],
  [0x50, 0x4b, 0x03, 0x04],
  [0x52, 0x49, 0x46, 0x46],
  [0x1f, 0x8b, 0x08],
  [0x7f, 0x45, 0x4c, 0x46],
];
const MIN_ENCRYPTED = 12 + 16; // nonce + tag (old layout)

function isAndotpList(json: unknown): json is unknown[] {
  return Array.isArray(json) && json.length > 0 && json.every((e) => isObject(e) && 'secret' in e && ('type' in e || 'label' in e));
}

function looksBinary({ bytes, text }: ImportInput): boolean {
  if (bytes.length < MIN_ENCRYPTED) return false;
  if (KNOWN_MAGIC.some((magic) => magic.every((b, i) => bytes[i] === b))) return false;
  if (text === null) return true;
  // Valid UTF-8 can still be binary: control characters other than tab/newline give it away.
  return bytes.some((b) => b < 0x09 || (b > 0x0d && b < 0x20));
}

function readList(list: unknown[], encrypted: boolean): ImportResult {
  const { accounts, skipped } = readEntries(
    list,
    (entry) => {
      if (!isObject(entry)) throw new AppError('invalid_entry', 'not an object');
      // Old andOTP versions had no issuer field and wrote `Issuer - account` in the label.
      let issuer = str(entry.issuer);
      let name = str(entry.label);
      if (!issuer && name.includes(' - ')) [issuer, name] = [name.slice(0, name.indexOf(' - ')), name.slice(name.indexOf(' - ') + 3)];
      return draftFrom({ type: entry.type, issuer, name, secret: entry.secret, algorithm: entry.algorithm, digits: entry.digits, period: entry.period, counter: entry.counter });
    },
    (entry, i) => (isObject(entry) ? entryPlace(i, entry.issuer, entry.label) : entryPlace(i)),
  );
  return { format: { id: 'andotp', encrypted }, accounts, skipped };
}

/** Current layout: [iterations, 4 bytes BE][salt 12][nonce 12][ciphertext + tag], PBKDF2-HMAC-SHA1. */
async function decryptCurrent(bytes: Uint8Array, password: string): Promise<Uint8Array | null> {
  if (bytes.length < 4 + 12 + 12 + 16) return null;
  const iterations = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
  if (iterations < 1 || iterations > 10_000_000) return null;
  const key = await pbkdf2(password, bytes.subarray(4, 16), iterations, 'SHA-1');
  return aesGcmDecrypt(key, bytes.subarray(16, 28), bytes.subarray(28));
}

/** Old layout: key = SHA-256(password); [nonce 12][ciphertext + tag]. */
async function decryptOld(bytes: Uint8Array, password: string): Promise<Uint8Array | null> {
  const key = await sha256(new TextEncoder().encode(password));
  return aesGcmDecrypt(key, bytes.subarray(0, 12), bytes.subarray(12));
}

export const andotpImporter: Importer = {
  id: 'andotp',
  detect(input: ImportInput) {
    if (isAndotpList(input.json)) return 'plain';
    // andOTP's encrypted files have no magic: any binary we cannot otherwise place may be one.
    return looksBinary(input) ? 'encrypted' : 'no';
  },
  async read(input: ImportInput, password?: string) {
    const json = input.json;
    if (isAndotpList(json)) return readList(json, false);
    if (input.bytes.length < MIN_ENCRYPTED) {
      throw new AppError('damaged_backup', `This andOTP backup is ${input.bytes.length} bytes long, too short to hold encrypted data (at least ${MIN_ENCRYPTED}).`);
    }
    const secret = requirePassword(password, 'andOTP');
    const plaintext = (await decryptCurrent(input.bytes, secret)) ?? (await decryptOld(input.bytes, secret));
    if (!plaintext) {
      throw new AppError('wrong_passphrase', `Wrong password for this andOTP backup, or it is not an andOTP backup (a binary file of ${input.bytes.length} bytes).`);
    }
    let list: unknown;
    try {
      list = JSON.parse(new TextDecoder().decode(plaintext));
    } catch {
      throw new AppError('damaged_backup', 'The andOTP backup decrypted, but its content is not JSON.');
    }
    if (!Array.isArray(list)) throw new AppError('damaged_backup', 'The andOTP backup decrypted, but holds no list of accounts.');
    return readList(list, true);
  },
};
