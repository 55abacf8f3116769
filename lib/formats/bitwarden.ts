import { AppError } from '@/lib/errors';
import { makeDraft, type AccountDraft } from '@/lib/otp/account';
import { normalizeBase32 } from '@/lib/otp/base32';
import { parseOtpauthUri } from '@/lib/otp/uri';
import { isPasswordProtectedBitwarden, openPasswordProtectedBitwarden } from './bitwarden-protected';
import { parseCsv } from './csv';
import { entryPlace, isObject, readEntries, shownText, str, type JsonObject } from './common';
import type { Importer, ImportInput, ImportResult } from './types';

/** A Bitwarden `totp` value: an otpauth:// or steam:// link, or a bare base32 secret. */
function draftOfTotp(totp: string, itemName: string, username: string, notes: string): AccountDraft {
  const value = totp.trim();
  if (/^(otpauth|steam):\/\//i.test(value)) {
    const draft = parseOtpauthUri(value);
    // A steam:// link names no one: its issuer is our default "Steam", so the item's name wins there.
    const issuer = /^steam:/i.test(value) ? itemName || draft.issuer : draft.issuer || itemName;
    return { ...draft, issuer, name: draft.name || username, notes };
  }
  return makeDraft({ secret: normalizeBase32(value), issuer: itemName, name: username, notes });
}

function isBitwardenJson(json: unknown): json is JsonObject & { items: unknown[] } {
  return isObject(json) && Array.isArray(json.items) && ('encrypted' in json || 'folders' in json || json.items.some((i) => isObject(i) && 'login' in i));
}

function readJson(json: JsonObject & { items: unknown[] }, encrypted = false): ImportResult {
  if (json.encrypted === true) {
    // Encrypted with the Bitwarden account's own key: only that account can open it.
    throw new AppError('unsupported_format', 'This Bitwarden export is locked to its Bitwarden account: export again from Bitwarden as “.json (Password protected)” or plain “.json”.');
  }
  // Positions are those of the whole file, so a skipped entry can be found in it.
  const withTotp = json.items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => isObject(item) && isObject(item.login) && typeof item.login.totp === 'string' && item.login.totp.trim() !== '');
  const { accounts, skipped } = readEntries(
    withTotp,
    ({ item }) => {
      const entry = item as JsonObject & { login: JsonObject };
      return draftOfTotp(str(entry.login.totp), str(entry.name), str(entry.login.username), str(entry.notes));
    },
    ({ item, index }) => (isObject(item) ? entryPlace(index, item.name) : entryPlace(index)),
  );
  return { format: { id: 'bitwarden-json', ...(encrypted ? { encrypted } : {}) }, accounts, skipped };
}

function csvRows(text: string | null): string[][] | null {
  if (text === null || !/login_totp/.test(text.slice(0, 2000))) return null;
  const rows = parseCsv(text);
  return rows[0]?.includes('login_totp') ? rows : null;
}

function readCsv(rows: string[][]): ImportResult {
  const header = rows[0] ?? [];
  const column = (name: string) => header.indexOf(name);
  const [totp, name, username, notes] = [column('login_totp'), column('name'), column('login_username'), column('notes')];
  const items = rows
    .slice(1)
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => (row[totp] ?? '').trim() !== '');
  const { accounts, skipped } = readEntries(
    items,
    ({ row }) => draftOfTotp(row[totp] ?? '', row[name] ?? '', row[username] ?? '', row[notes] ?? ''),
    // Row 1 is the header.
    ({ row, index }) => ({ row: index + 2, issuer: shownText(row[name]) }),
  );
  return { format: { id: 'bitwarden-csv' }, accounts, skipped };
}

export const bitwardenImporter: Importer = {
  id: 'bitwarden',
  detect(input: ImportInput) {
    const json = input.json;
    if (isPasswordProtectedBitwarden(json)) return 'encrypted';
    return isBitwardenJson(json) || csvRows(input.text) ? 'plain' : 'no';
  },
  async read(input: ImportInput, password?: string) {
    const json = input.json;
    if (isPasswordProtectedBitwarden(json)) {
      const inner = await openPasswordProtectedBitwarden(json, password);
      if (!isBitwardenJson(inner) || inner.encrypted === true) throw new AppError('damaged_backup', 'The Bitwarden export decrypted, but holds no list of items.');
      return readJson(inner, true);
    }
    if (isBitwardenJson(json)) return readJson(json);
    const rows = csvRows(input.text);
    if (rows) return readCsv(rows);
    throw new AppError('unknown_format', 'This is not a Bitwarden export.');
  },
};
