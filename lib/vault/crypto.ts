import { ownBytes, randomBytes, utf8 } from './bytes';

/**
 * The one home of WebCrypto use shared across domains. AES-256-GCM is the only cipher the vault uses
 * (`seal`/`open` with a CryptoKey); the raw-key one-shots below serve other apps' backup formats and our
 * Aegis export, whose IVs and tags come in their own layouts.
 */

export const IV_LENGTH = 12;
export const KEY_LENGTH = 32;

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: Uint8Array<ArrayBuffer>;
}

export async function importAesKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== KEY_LENGTH) throw new Error(`AES-256 key must be ${KEY_LENGTH} bytes, got ${raw.length}`);
  return crypto.subtle.importKey('raw', ownBytes(raw), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

/** Encrypts with a fresh random 96-bit IV; `additionalData` is authenticated but not stored. */
export async function seal(key: CryptoKey, plaintext: Uint8Array, additionalData: Uint8Array): Promise<Sealed> {
  const iv = randomBytes(IV_LENGTH);
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: ownBytes(additionalData) },
    key,
    ownBytes(plaintext),
  );
  return { iv, ciphertext: new Uint8Array(ciphertext) };
}

/** Decrypts and authenticates; throws `DecryptionFailed` when any byte or the additional data differs. */
export async function open(key: CryptoKey, sealed: Sealed, additionalData: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: ownBytes(sealed.iv), additionalData: ownBytes(additionalData) },
      key,
      ownBytes(sealed.ciphertext),
    );
    return new Uint8Array(plaintext);
  } catch {
    throw new DecryptionFailed();
  }
}

export class DecryptionFailed extends Error {
  constructor() {
    super('authentication failed: wrong key or altered data');
    this.name = 'DecryptionFailed';
  }
}

/** AES-256-GCM with a raw 32-byte key; the result is ciphertext followed by the 16-byte tag. */
export async function aesGcmEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const cryptoKey = await crypto.subtle.importKey('raw', ownBytes(key), 'AES-GCM', false, ['encrypt']);
  return new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: ownBytes(iv) }, cryptoKey, ownBytes(plaintext)));
}

/** AES-256-GCM with a raw 32-byte key; null when authentication fails (wrong key or altered bytes). */
export async function aesGcmDecrypt(key: Uint8Array, iv: Uint8Array, ciphertextAndTag: Uint8Array): Promise<Uint8Array<ArrayBuffer> | null> {
  if (key.length !== KEY_LENGTH || iv.length < IV_LENGTH || ciphertextAndTag.length < 16) return null;
  try {
    const cryptoKey = await crypto.subtle.importKey('raw', ownBytes(key), 'AES-GCM', false, ['decrypt']);
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: ownBytes(iv) }, cryptoKey, ownBytes(ciphertextAndTag)));
  } catch {
    return null;
  }
}

/** PBKDF2 of a password (UTF-8) to `bytes` bytes. */
export async function pbkdf2(password: string, salt: Uint8Array, iterations: number, hash: 'SHA-1' | 'SHA-256', bytes = 32): Promise<Uint8Array<ArrayBuffer>> {
  const material = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', salt: ownBytes(salt), iterations, hash }, material, bytes * 8));
}

export async function sha256(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', ownBytes(bytes)));
}
