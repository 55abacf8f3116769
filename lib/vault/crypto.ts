import { ownBytes, randomBytes } from './bytes';

/** AES-256-GCM through WebCrypto: the only cipher the vault uses. */

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
