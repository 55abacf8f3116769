import { AppError } from '@/lib/errors';
import type { AccountDraft } from '@/lib/otp/account';
import { parseOtpauthUri } from '@/lib/otp/uri';
import { draftFrom, isObject, shownText, skipOnError, str, type JsonObject } from './common';
import { parseCsv } from './csv';
import type { EntryPlace, Importer, ImportInput, ImportResult, SkippedEntry } from './types';

/**
 * Proton Pass's export (Settings → Export), as its own code writes it (ProtonMail/WebClients,
 * packages/pass/lib/export/{export,archive,types}.ts): a ZIP holding `Proton Pass/data.json` (plus attachments
 * under `Proton Pass/files/`), `{version, userId, encrypted, vaults: {shareId: {name, items: [item]}}}`. An item is
 * `{itemId, state (1 active, 2 trashed), data: {type, metadata: {name, note}, content: {itemEmail, itemUsername
 * (older: username), totpUri, …}, extraFields: [{fieldName, type: 'totp', data: {totpUri}}]}}`. `totpUri` is an
 * otpauth:// link or a bare secret. The ZIP is read from its dump (zip-apps.ts); data.json alone and the CSV export
 * are read here.
 *
 * The encrypted export is an OpenPGP message sealed with the export passphrase (CryptoProxy.encryptMessage with
 * `passwords`, ASCII-armoured): the whole ZIP as a `.pgp` file (older versions) or `Proton Pass/data.pgp` inside
 * the ZIP (newer). We do not read OpenPGP: pgpImporter names it and says to export without encryption.
 */
export function isProtonPassData(json: unknown): json is JsonObject & { vaults: JsonObject | unknown[] } {
  // `vaults` is an object keyed by share id (Proton's ExportData); a list of vaults is read the same way.
  return isObject(json) && (isObject(json.vaults) || Array.isArray(json.vaults)) && ('userId' in json || 'encrypted' in json || typeof json.version === 'string');
}

const TRASHED = 2;

function draftOf(totpUri: string, title: string, user: string): AccountDraft {
  const value = totpUri.trim();
  if (/^(otpauth|steam):\/\//i.test(value)) {
    const draft = parseOtpauthUri(value);
    return { ...draft, issuer: draft.issuer || title, name: draft.name || user };
  }
  return draftFrom({ secret: value, issuer: title, name: user });
}

/** Reads data.json (parsed). */
export function readProtonPass(json: unknown): ImportResult {
  if (!isProtonPassData(json)) throw new AppError('damaged_backup', 'The Proton Pass export\'s data.json has no vaults.');
  if (json.encrypted === true) throw new AppError('unsupported_format', PGP_ADVICE.protonPass);
  const accounts: AccountDraft[] = [];
  const skipped: SkippedEntry[] = [];
  let index = 0;
  for (const vault of Object.values(json.vaults)) {
    if (!isObject(vault) || !Array.isArray(vault.items)) continue;
    const vaultName = str(vault.name);
    for (const item of vault.items) {
      if (!isObject(item) || !isObject(item.data)) continue;
      const data = item.data;
      const metadata = isObject(data.metadata) ? data.metadata : {};
      const content = isObject(data.content) ? data.content : {};
      const title = str(metadata.name).trim();
      const user = (str(content.itemUsername) || str(content.username) || str(content.itemEmail)).trim();
      const links: string[] = [];
      if (data.type === 'login' && str(content.totpUri).trim()) links.push(str(content.totpUri));
      for (const field of Array.isArray(data.extraFields) ? data.extraFields : []) {
        if (isObject(field) && field.type === 'totp' && isObject(field.data) && str(field.data.totpUri).trim()) links.push(str(field.data.totpUri));
      }
      for (const link of links) {
        index++;
        const place: EntryPlace = { position: index, vault: shownText(vaultName), issuer: shownText(title) };
        if (item.state === TRASHED) {
          skipped.push({ ...place, error: { code: 'entry_in_trash', params: { app: 'Proton Pass' } } });
          continue;
        }
        skipOnError(skipped, place, () => accounts.push(draftOf(link, title, user)));
      }
    }
  }
  return { format: { id: 'proton-pass', ...(typeof json.version === 'string' ? { version: json.version.slice(0, 20) } : {}) }, accounts, skipped };
}

/** What to say about the OpenPGP-encrypted exports we cannot open. */
export const PGP_ADVICE = {
  protonPass:
    'This Proton Pass export is encrypted with OpenPGP (a passphrase-sealed PGP message), which we cannot open. In Proton Pass, export again with Settings → Export, choosing the unencrypted ZIP (Proton Pass JSON) format, import that file here, then delete it.',
  any: 'This is an OpenPGP-encrypted message (“-----BEGIN PGP MESSAGE-----”), which we cannot open: Proton Pass writes one for an encrypted export, WinAuth for an export to a PGP key. Export again without PGP: from Proton Pass, Settings → Export → the unencrypted ZIP (Proton Pass JSON) format; from WinAuth, Export to a .txt file or a password-protected .zip. Import that file here, then delete it.',
};

/**
 * Proton Pass's CSV export (createPassExportCSV, Papa.unparse of ExportCSVItem): a header naming `type, name, url,
 * email, username, password, note, totp, createTime, modifyTime, vault` (older versions without email/username).
 */
const CSV_COLUMNS = ['name', 'totp', 'createTime', 'modifyTime', 'vault'];

function protonPassCsv(text: string | null): string[][] | null {
  if (text === null || !/^\s*type,name,/.test(text)) return null;
  const rows = parseCsv(text);
  const header = rows[0] ?? [];
  return CSV_COLUMNS.every((c) => header.includes(c)) ? rows : null;
}

/** Reads the CSV export's rows (header first): each row with a `totp` is an account. */
export function readProtonPassCsv(rows: string[][]): ImportResult {
  const header = rows[0] ?? [];
  const column = (row: string[], name: string) => row[header.indexOf(name)] ?? '';
  const accounts: AccountDraft[] = [];
  const skipped: SkippedEntry[] = [];
  rows.slice(1).forEach((row, i) => {
    const totp = column(row, 'totp');
    if (!totp.trim()) return;
    const title = column(row, 'name').trim();
    const place = { row: i + 2, vault: shownText(column(row, 'vault')), issuer: shownText(title) };
    skipOnError(skipped, place, () => accounts.push(draftOf(totp, title, (column(row, 'username') || column(row, 'email')).trim())));
  });
  return { format: { id: 'proton-pass-csv' }, accounts, skipped };
}

export const protonPassImporter: Importer = {
  id: 'proton-pass',
  detect: (input: ImportInput) => (isProtonPassData(input.json) || protonPassCsv(input.text) ? 'plain' : 'no'),
  async read(input: ImportInput) {
    const rows = protonPassCsv(input.text);
    return rows ? readProtonPassCsv(rows) : readProtonPass(input.json);
  },
};

const ARMOR = /^\s*-----BEGIN PGP MESSAGE-----/;

/** An ASCII-armoured OpenPGP message (Proton Pass's encrypted export, WinAuth's PGP export): named, not guessed at. */
export const pgpImporter: Importer = {
  id: 'pgp-message',
  detect: (input: ImportInput) => (ARMOR.test(input.text?.slice(0, 200) ?? '') ? 'plain' : 'no'),
  async read() {
    throw new AppError('unsupported_format', PGP_ADVICE.any);
  },
};
