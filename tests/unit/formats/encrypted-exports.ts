/**
 * Encrypted exports of other apps, written from each app's own construction and independently of our importers.
 * No vitest here: the end-to-end tests (tests/e2e/backup.spec.ts) make the same files.
 */
import { createCipheriv, createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import sodium from 'libsodium-wrappers';

/** Ente Auth's encrypted export of `text`, made as Ente does with libsodium (Argon2id13 interactive costs, secretstream). */
export async function enteEncrypted(text: string, password: string): Promise<string> {
  await sodium.ready;
  const salt = sodium.randombytes_buf(16);
  const [opsLimit, memLimit] = [2, 64 * 1024 * 1024];
  const key = await argon2id({ password, salt, iterations: opsLimit, memorySize: memLimit / 1024, parallelism: 1, hashLength: 32, outputType: 'binary' });
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const sealed = sodium.crypto_secretstream_xchacha20poly1305_push(state, new TextEncoder().encode(text), null, sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL);
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return JSON.stringify({ version: 1, kdfParams: { memLimit, opsLimit, salt: b64(salt) }, encryptedData: b64(sealed), encryptionNonce: b64(header) });
}

/**
 * Bitwarden password-protected exports, written here with node:crypto from Bitwarden's documented construction
 * (help article "Encrypted exports" and its clients' vault-export service), independently of the importer:
 * PBKDF2-SHA256 or Argon2id (salt pre-hashed with SHA-256) → 32-byte key, HKDF-Expand "enc"/"mac",
 * EncString type 2 = "2." iv | AES-256-CBC ciphertext | HMAC-SHA256(mac key, iv ‖ ciphertext).
 */
function expand(prk: Buffer, info: string): Buffer {
  return createHmac('sha256', prk).update(Buffer.concat([Buffer.from(info), Buffer.of(1)])).digest();
}

function encString(plain: string, enc: Buffer, mac: Buffer): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', enc, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = createHmac('sha256', mac).update(Buffer.concat([iv, data])).digest();
  return `2.${iv.toString('base64')}|${data.toString('base64')}|${tag.toString('base64')}`;
}

type Kdf = { kdfType: 0; kdfIterations: number } | { kdfType: 1; kdfIterations: number; kdfMemory: number; kdfParallelism: number };

export async function bitwardenProtectedExport(plainExport: unknown, password: string, kdf: Kdf = { kdfType: 0, kdfIterations: 600_000 }) {
  const salt = randomBytes(16).toString('base64');
  const master =
    kdf.kdfType === 0
      ? pbkdf2Sync(password, Buffer.from(salt, 'utf8'), kdf.kdfIterations, 32, 'sha256')
      : Buffer.from(
          await argon2id({ password, salt: createHash('sha256').update(salt, 'utf8').digest(), iterations: kdf.kdfIterations, memorySize: kdf.kdfMemory * 1024, parallelism: kdf.kdfParallelism, hashLength: 32, outputType: 'binary' }),
        );
  const [enc, mac] = [expand(master, 'enc'), expand(master, 'mac')];
  return {
    encrypted: true,
    passwordProtected: true,
    salt,
    ...('kdfMemory' in kdf ? kdf : { ...kdf, kdfMemory: null, kdfParallelism: null }),
    encKeyValidation_DO_NOT_EDIT: encString('1c5b2f8e-8d4a-4b4e-9a47-6f0d2f3c9a11', enc, mac),
    data: encString(JSON.stringify(plainExport), enc, mac),
  };
}
