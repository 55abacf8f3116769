import { AppError } from '@/lib/errors';
import { makeDraft, type AccountDraft, type HashAlgorithm, type OtpType } from '@/lib/otp/account';
import { bytesToBase32, normalizeBase32 } from '@/lib/otp/base32';
import { checkAccountFields } from '@/lib/otp/limits';
import { fromBase64, fromHex } from '@/lib/vault/bytes';
import type { SkippedEntry } from './types';

/** Thrown while reading one entry: the entry is skipped with this reason, the rest still import. */
export class InvalidEntry extends Error {}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** A short description of a JSON value for a message; never serialises it (it may be nested 10,000 deep). */
function preview(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isObject(value)) return 'an object';
  return JSON.stringify(value).slice(0, 30);
}

const ALGORITHMS: Record<string, HashAlgorithm> = { SHA1: 'SHA1', SHA256: 'SHA256', SHA512: 'SHA512', HMACSHA1: 'SHA1', HMACSHA256: 'SHA256', HMACSHA512: 'SHA512' };

export function algorithmOf(value: unknown): HashAlgorithm {
  if (value === undefined || value === null || value === '') return 'SHA1';
  // String() of a deeply nested list recurses: only text names an algorithm.
  if (typeof value !== 'string') throw new InvalidEntry(`the algorithm must be a name such as SHA1, not ${preview(value)}`);
  const key = value.toUpperCase().replace(/[-_\s]/g, '');
  const algorithm = ALGORITHMS[key];
  if (!algorithm) throw new InvalidEntry(`unsupported algorithm “${value.slice(0, 20)}”`);
  return algorithm;
}

function integer(value: unknown, what: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < min || number > max) {
    throw new InvalidEntry(`${what} must be a whole number from ${min} to ${max}, not ${preview(value)}`);
  }
  return number;
}

export interface EntryFields {
  type?: unknown;
  issuer?: unknown;
  name?: unknown;
  secret?: unknown;
  /** Raw secret bytes (FreeOTP+, Google export) instead of base32. */
  secretBytes?: Uint8Array;
  algorithm?: unknown;
  digits?: unknown;
  period?: unknown;
  counter?: unknown;
  notes?: unknown;
  pinned?: unknown;
}

/** One validated account from an entry of any format; throws InvalidEntry with a reason. */
export function draftFrom(fields: EntryFields): AccountDraft {
  const typeText = str(fields.type).toLowerCase() || 'totp';
  let type: OtpType;
  if (typeText === 'totp') type = 'totp';
  else if (typeText === 'hotp') type = 'hotp';
  else if (typeText === 'steam') type = 'steam';
  else throw new InvalidEntry(`${typeText.slice(0, 20)} accounts are not supported (only TOTP, HOTP and Steam)`);
  let secret: string;
  if (fields.secretBytes) {
    if (fields.secretBytes.length === 0) throw new InvalidEntry('the secret is empty');
    secret = bytesToBase32(fields.secretBytes);
  } else {
    if (typeof fields.secret !== 'string' || !fields.secret.trim()) throw new InvalidEntry('it has no secret');
    try {
      secret = normalizeBase32(fields.secret);
    } catch (error) {
      throw new InvalidEntry(error instanceof Error ? error.message : 'the secret is not valid base32');
    }
  }
  const algorithm = type === 'steam' ? 'SHA1' : algorithmOf(fields.algorithm);
  const digits = type === 'steam' ? 5 : integer(fields.digits, 'digits', 5, 10, 6);
  const period = integer(fields.period, 'the period', 1, 86_400, 30);
  const counter = type === 'hotp' ? integer(fields.counter, 'the counter', 0, Number.MAX_SAFE_INTEGER, 0) : 0;
  const issuer = str(fields.issuer).trim();
  const name = str(fields.name).trim();
  const draft = makeDraft({ type, secret, algorithm, digits, period: type === 'steam' ? 30 : period, counter, issuer, name, notes: str(fields.notes), pinned: fields.pinned === true });
  // Too long is refused with the reason (the entry is skipped and named), never cut silently.
  checkAccountFields(draft);
  return draft;
}

/** Reads each entry, collecting the unreadable ones with a reason instead of failing the file. */
export function readEntries<T>(items: readonly T[], read: (item: T, index: number) => AccountDraft, label: (item: T, index: number) => string): { accounts: AccountDraft[]; skipped: SkippedEntry[] } {
  const accounts: AccountDraft[] = [];
  const skipped: SkippedEntry[] = [];
  items.forEach((item, index) => {
    try {
      accounts.push(read(item, index));
    } catch (error) {
      if (!(error instanceof InvalidEntry) && !(error instanceof AppError)) throw error;
      skipped.push({ label: label(item, index), reason: error.message });
    }
  });
  return { accounts, skipped };
}

/** `entry 3 (“GitHub: alice”)` */
export function entryLabel(index: number, issuer: unknown, name: unknown): string {
  const title = [str(issuer), str(name)].filter(Boolean).join(': ').slice(0, 60);
  return `entry ${index + 1}${title ? ` (“${title}”)` : ''}`;
}

/** Hexadecimal from a backup file, or AppError damaged_backup naming the field. */
export function hexToBytes(hex: unknown, what: string): Uint8Array<ArrayBuffer> {
  try {
    if (typeof hex === 'string') return fromHex(hex);
  } catch {
    // reported below
  }
  throw new AppError('damaged_backup', `The backup's ${what} is not valid hexadecimal.`);
}

/** Base64 from a backup file (white space allowed), or AppError damaged_backup naming the field. */
export function base64ToBytes(text: unknown, what: string): Uint8Array<ArrayBuffer> {
  try {
    if (typeof text === 'string' && /^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(text)) return fromBase64(text.replace(/\s/g, ''));
  } catch {
    // reported below
  }
  throw new AppError('damaged_backup', `The backup's ${what} is not valid base64.`);
}

/** Guards a password given to an importer. */
export function requirePassword(password: string | undefined, app: string): string {
  if (!password) throw new AppError('password_required', `This ${app} backup is encrypted: enter its password.`);
  return password;
}
