import { AppError } from '@/lib/errors';
import type { AccountDraft } from '@/lib/otp/account';
import { InvalidAccountField, textOfField, validateDraft, type RawAccountFields } from '@/lib/otp/validate';
import { fromBase64, fromHex } from '@/lib/vault/bytes';
import type { SkippedEntry } from './types';

/** Thrown while reading one entry: the entry is skipped with this reason, the rest still import. */
export class InvalidEntry extends Error {}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const str = textOfField;

/** What an importer knows of one entry: the one validator's raw fields (lib/otp/validate.ts). */
export type EntryFields = RawAccountFields;

/** One validated account from an entry of any format; throws InvalidEntry with a reason. */
export function draftFrom(fields: EntryFields): AccountDraft {
  try {
    return validateDraft(fields);
  } catch (error) {
    // Too long is refused with the reason (AppError, the entry is skipped and named), never cut silently.
    if (error instanceof InvalidAccountField) throw new InvalidEntry(error.message);
    throw error;
  }
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
