import { AppError } from '@/lib/errors';
import type { AccountDraft } from '@/lib/otp/account';
import { checkAccountFields } from '@/lib/otp/limits';
import { aegisImporter } from './aegis';
import { andotpImporter } from './andotp';
import { authenticatorExtensionImporter } from './authenticator-extension';
import { authyImporter } from './authy';
import { battleNetImporter } from './battlenet';
import { bitwardenImporter } from './bitwarden';
import { duoImporter } from './duo';
import { isObject, shownText, skipOnError } from './common';
import { enteImporter } from './ente';
import { freeotpImporter } from './freeotp';
import { freeotp2Importer } from './freeotp2';
import { imageImporter } from './image';
import { keepassImporter } from './keepass';
import { onePasswordImporter } from './onepassword';
import { protonImporter } from './proton';
import { pgpImporter, protonPassImporter } from './proton-pass';
import { sqliteAppsImporter } from './sqlite-apps';
import { steamImporter } from './steam';
import { stratumImporter } from './stratum';
import { totpAuthenticatorImporter } from './totp-authenticator';
import { twofasImporter } from './twofas';
import { readImportFile } from './read';
import type { Importer, ImportInput, ImportResult, ImportSource } from './types';
import { uriListImporter } from './uri-list';
import { winAuthImporter } from './winauth';
import { zipAppsImporter } from './zip-apps';

/**
 * Most specific first. Images are placed by their magic bytes before the andOTP importer, whose encrypted
 * files have no magic (any other binary may be one), so it comes last.
 */
export const IMPORTERS: readonly Importer[] = [
  aegisImporter,
  twofasImporter,
  protonImporter,
  protonPassImporter,
  onePasswordImporter,
  freeotpImporter,
  freeotp2Importer,
  bitwardenImporter,
  enteImporter,
  authenticatorExtensionImporter,
  authyImporter,
  battleNetImporter,
  totpAuthenticatorImporter,
  steamImporter,
  duoImporter,
  stratumImporter,
  keepassImporter,
  sqliteAppsImporter,
  zipAppsImporter,
  pgpImporter,
  imageImporter,
  winAuthImporter,
  uriListImporter,
  andotpImporter,
];

/** Largest file we read: 1,000 accounts are ~500 KB even with icons; beyond this it is not a backup. */
const MAX_BYTES = 64 * 1024 * 1024;

/** The first importer that recognises the file (read once here unless it already was). */
export function detectFormat(source: ImportSource | ImportInput): { importer: Importer; kind: 'plain' | 'encrypted' } | null {
  const input = readImportFile(source);
  for (const importer of IMPORTERS) {
    const kind = importer.detect(input);
    if (kind !== 'no') return { importer, kind };
  }
  return null;
}

/** What an unknown file looks like, so the person knows what they gave us (the error's detail says it in English). */
export function unknownFileError(source: ImportSource | ImportInput): AppError {
  const { bytes, text, json } = readImportFile(source);
  if (bytes.length === 0) return new AppError('file_empty', 'The file is empty.');
  if (Array.isArray(json)) return new AppError('unknown_json_list', `This is a JSON list of ${json.length} item(s), but not a backup format we know.`, { count: json.length });
  if (isObject(json)) {
    const keys = Object.keys(json).slice(0, 6).map((k) => k.slice(0, 30)).join(', ') || '—';
    return new AppError('unknown_json_object', `This looks like a JSON file, but not a backup format we know (top-level keys: ${keys}).`, { keys });
  }
  // Valid UTF-8 with control characters (other than tab and line ends) is still binary.
  const isBinary = bytes.some((b) => b < 0x09 || (b > 0x0d && b < 0x20));
  if (text !== null && !isBinary) {
    const start = text.trim().split(/\r?\n/)[0]?.slice(0, 60) ?? '';
    return new AppError('unknown_text_file', `This is a text file, but not a backup format we know (it starts with “${start}”).`, { start });
  }
  return new AppError('unknown_binary_file', `This is a binary file of ${bytes.length} bytes, not a backup format we know.`, { bytes: bytes.length });
}

/** What an unknown file looks like, in English (the CLI). */
export function describeUnknown(source: ImportSource | ImportInput): string {
  return unknownFileError(source).message;
}

/** No backup format nests JSON deeper than ~6 levels; far deeper input only makes recursive code overflow. */
const MAX_JSON_DEPTH = 64;

/** How deeply the brackets of a JSON text nest (strings skipped), without parsing it; stops counting past `limit`. */
export function jsonDepth(bytes: Uint8Array, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 0x5c) i++; // backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
  return deepest;
}

/** Detects the format from the content and reads every account, or throws a specific AppError. */
export async function importBackup(source: ImportSource, password?: string): Promise<ImportResult> {
  const megabytes = Math.round(source.bytes.length / 1048576);
  if (source.bytes.length > MAX_BYTES) throw new AppError('file_too_large', `The file is ${megabytes} MB: too large to be a backup.`, { megabytes });
  // The one reading of the file: every importer's detect and the chosen one's read get this same object.
  const input = readImportFile(source);
  if (input.json !== undefined && jsonDepth(input.bytes) > MAX_JSON_DEPTH) {
    throw new AppError('damaged_backup', `This JSON file nests lists or objects more than ${MAX_JSON_DEPTH} levels deep: no backup format does, so it is damaged or not a backup.`);
  }
  const found = detectFormat(input);
  if (!found) throw unknownFileError(input);
  const result = await found.importer.read(input, password);
  return withinLimits(result);
}

/** The size caps again on what every importer built (sites and recovery codes included): an entry over them is skipped, named. */
function withinLimits(result: ImportResult): ImportResult {
  const accounts: AccountDraft[] = [];
  const skipped = [...result.skipped];
  for (const account of result.accounts) {
    skipOnError(skipped, { issuer: shownText(account.issuer), name: shownText(account.name) }, () => {
      checkAccountFields(account);
      accounts.push(account);
    });
  }
  return { ...result, accounts, skipped };
}

export { readImportFile } from './read';
export type { ImportInput, ImportSource } from './types';
