import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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

export { bitwardenProtectedExport } from './encrypted-exports';

