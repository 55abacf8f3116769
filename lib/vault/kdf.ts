import { argon2id } from 'hash-wasm';
import { fromBase64, randomBytes, toBase64 } from './bytes';

/**
 * Passphrase → key-encryption key. Argon2id (memory-hard) through hash-wasm's WebAssembly build,
 * since WebCrypto only offers PBKDF2. Parameters are stored with the vault so they can be raised later.
 */
export interface Argon2idParams {
  name: 'argon2id';
  /** KiB of memory. */
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  /** 16 random bytes, base64. */
  salt: string;
}

/** RFC 9106's second recommended set (also Bitwarden's default): 64 MiB, t = 3, p = 4. */
export const DEFAULT_KDF_COST = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 4 } as const;

/** Strength presets offered in settings; `standard` is the default. */
export const KDF_PRESETS = {
  light: { memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 },
  standard: DEFAULT_KDF_COST,
  strong: { memoryKiB: 128 * 1024, iterations: 4, parallelism: 4 },
} as const;

export function newKdfParams(cost: Omit<Argon2idParams, 'name' | 'salt'> = DEFAULT_KDF_COST): Argon2idParams {
  return { name: 'argon2id', ...cost, salt: toBase64(randomBytes(16)) };
}

export async function deriveKeyBytes(passphrase: string, params: Argon2idParams): Promise<Uint8Array> {
  return argon2id({
    password: passphrase.normalize('NFC'),
    salt: fromBase64(params.salt),
    memorySize: params.memoryKiB,
    iterations: params.iterations,
    parallelism: params.parallelism,
    hashLength: 32,
    outputType: 'binary',
  });
}
