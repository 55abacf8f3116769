import { AppError, serializeError, type AppErrorCode, type MessageParam } from '@/lib/errors';
import type { AccountDraft } from '@/lib/otp/account';
import { InvalidAccountField, textOfField, validateDraft, type RawAccountFields } from '@/lib/otp/validate';
import { fromBase64, fromHex } from '@/lib/vault/bytes';
import type { EntryPlace, SkippedEntry } from './types';

/**
 * Thrown while reading one entry: the entry is skipped with this code (and params), the rest still import.
 * An AppError, so whatever reads entries reports it as {code, params}; its message is the English detail (CLI, logs).
 */
export class InvalidEntry<C extends AppErrorCode = AppErrorCode> extends AppError<C> {
  override name = 'InvalidEntry';
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const str = textOfField;

/** What an importer knows of one entry: the one validator's raw fields (lib/otp/validate.ts). */
export type EntryFields = RawAccountFields;

/** One validated account from an entry of any format; a refused field throws the AppError of its code. */
export function draftFrom(fields: EntryFields): AccountDraft {
  try {
    return validateDraft(fields);
  } catch (error) {
    // Too long is refused with the reason (AppError, the entry is skipped and named), never cut silently.
    if (error instanceof InvalidAccountField) {
      const Untyped = InvalidEntry as new (code: AppErrorCode, detail: string, params: Readonly<Record<string, MessageParam>>) => InvalidEntry;
      throw new Untyped(error.code, error.message, error.params);
    }
    throw error;
  }
}

/** The skipped entry for an error while reading one entry, or null when the error is not about the entry (a bug). */
function skippedEntry(place: EntryPlace, error: unknown): SkippedEntry | null {
  if (error instanceof InvalidAccountField) return { ...place, error: error.serialize() };
  if (!(error instanceof AppError)) return null;
  return { ...place, error: serializeError(error) };
}

/**
 * Runs `read` for one entry; an error about the entry (an AppError, a refused field) adds it to `skipped` at
 * `place`, so the rest of the file still imports. Any other error is a bug and is thrown.
 */
export function skipOnError(skipped: SkippedEntry[], place: EntryPlace, read: () => void): void {
  try {
    read();
  } catch (error) {
    const entry = skippedEntry(place, error);
    if (!entry) throw error;
    skipped.push(entry);
  }
}

/** Reads each entry, collecting the unreadable ones with their place and code instead of failing the file. */
export function readEntries<T>(items: readonly T[], read: (item: T, index: number) => AccountDraft, place: (item: T, index: number) => EntryPlace): { accounts: AccountDraft[]; skipped: SkippedEntry[] } {
  const accounts: AccountDraft[] = [];
  const skipped: SkippedEntry[] = [];
  items.forEach((item, index) => skipOnError(skipped, place(item, index), () => accounts.push(read(item, index))));
  return { accounts, skipped };
}

/** How much of a name a skipped entry keeps: enough to find it in the file. */
const SHOWN = 60;

/** Text of a field, cut to what a skipped entry shows, or undefined when empty. */
export function shownText(value: unknown): string | undefined {
  return str(value).trim().slice(0, SHOWN) || undefined;
}

/** The `index`-th entry (from 0), named by its issuer and account name when it has them. */
export function entryPlace(index: number, issuer?: unknown, name?: unknown): EntryPlace {
  return { position: index + 1, issuer: shownText(issuer), name: shownText(name) };
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
