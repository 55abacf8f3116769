import { createCipheriv, createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { argon2id } from 'hash-wasm';
import { expect } from 'vitest';
import { AppError } from '@/lib/errors';
import type { AccountDraft } from '@/lib/otp/account';
import { parseOtpauthUri } from '@/lib/otp/uri';

export const FIXTURES = resolve(import.meta.dirname, '../../fixtures/import');

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(FIXTURES, name)));
}

/** The reference accounts every sample encodes (plain.txt). */
export const REFERENCE: AccountDraft[] = readFileSync(resolve(FIXTURES, 'plain.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('otpauth://'))
  .map((line) => parseOtpauthUri(line));

/** What makes two accounts the same for an importer: type, issuer, name, secret, algorithm, digits, period/counter. */
export function essentials(account: AccountDraft) {
  return {
    type: account.type,
    issuer: account.issuer,
    name: account.name,
    secret: account.secret,
    algorithm: account.algorithm,
    digits: account.digits,
    ...(account.type === 'hotp' ? { counter: account.counter } : { period: account.period }),
  };
}

/** The reference accounts the app can hold, picked by issuer. */
export function reference(issuers?: string[]) {
  return REFERENCE.filter((a) => !issuers || issuers.includes(a.issuer)).map(essentials);
}

export async function appError(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

export function expectSameAccounts(actual: AccountDraft[], expected: ReturnType<typeof essentials>[]) {
  const sort = (list: ReturnType<typeof essentials>[]) => [...list].sort((a, b) => (a.issuer + a.name).localeCompare(b.issuer + b.name));
  expect(sort(actual.map(essentials))).toEqual(sort(expected));
}

/** CryptoJS.AES.encrypt(text, password).toString(), written with Node's crypto: OpenSSL `Salted__` + EVP_BytesToKey(MD5). */
export function cryptoJsEncrypt(text: string, password: string, salt = randomBytes(8)): string {
  let derived = Buffer.alloc(0);
  let block = Buffer.alloc(0);
  while (derived.length < 48) {
    block = createHash('md5').update(Buffer.concat([block, Buffer.from(password), salt])).digest();
    derived = Buffer.concat([derived, block]);
  }
  const cipher = createCipheriv('aes-256-cbc', derived.subarray(0, 32), derived.subarray(32, 48));
  return Buffer.concat([Buffer.from('Salted__'), salt, cipher.update(text, 'utf8'), cipher.final()]).toString('base64');
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

