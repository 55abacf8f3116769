import { AppError } from '@/lib/errors';
import { base64ToBytes, draftFrom, entryPlace, InvalidEntry, isObject, readEntries, str, type JsonObject } from './common';
import { readJson as readStratumJson } from './stratum';
import { isSqliteFile, type SqliteDump } from './sqlite-dump';
import type { Importer, ImportInput, ImportResult } from './types';

/**
 * Apps whose data is a SQLite database, read from the JSON dump that sqlite.ts makes of it on the backup page
 * or in the CLI (the WebAssembly SQLite is never loaded in the background):
 * - Google Authenticator (Android `databases`, table `accounts`): type 0 TOTP / 1 HOTP, base32 `secret`, `email`
 *   as `Issuer:name`; always SHA-1, 6 digits, 30 s. Rows the app encrypted (`isencrypted`) cannot be read.
 * - Microsoft Authenticator (Android `PhoneFactor`, table `accounts`): `account_type` 0 is TOTP with a base32
 *   `oath_secret_key`, 1 a Microsoft personal account (base64 secret, 8 digits); both SHA-1, 30 s. Other types are
 *   sign-in approvals without a code.
 * - Stratum's own database (`authenticator.db3`, table `authenticator`): the columns of its JSON backup.
 * Learned from Aegis's GoogleAuthImporter, MicrosoftAuthImporter and StratumImporter and their test databases.
 */
function dumpOf(json: unknown): SqliteDump | null {
  return isObject(json) && json.keyringSqliteDump === 1 && isObject(json.tables) ? (json as unknown as SqliteDump) : null;
}

/** The table's rows if it is there with these columns (a damaged dump gives none rather than a crash). */
function rowsOf(dump: SqliteDump, table: 'accounts' | 'authenticator', columns: string[]): JsonObject[] | null {
  const found: unknown = dump.tables[table];
  if (!isObject(found) || !Array.isArray(found.columns) || !columns.every((c) => (found.columns as unknown[]).includes(c))) return null;
  return Array.isArray(found.rows) ? found.rows.filter(isObject) : [];
}

function readGoogle(rows: JsonObject[]): ImportResult {
  const read = readEntries(
    rows,
    (row) => {
      if (Number(row.isencrypted) > 0) throw new InvalidEntry('entry_encrypted_on_phone', 'Google Authenticator encrypted this secret with a key kept on the phone; move it with Google Authenticator’s “Transfer accounts” QR code instead');
      const type = { 0: 'totp', 1: 'hotp' }[Number(row.type)] ?? `type ${str(row.type).slice(0, 10)}`;
      const email = str(row.email);
      const parts = email.split(':');
      return draftFrom({ type, issuer: row.issuer ?? (parts.length === 2 ? parts[0] : ''), name: parts.length === 2 ? parts[1] : email, secret: row.secret, counter: row.counter });
    },
    (row, i) => entryPlace(i, row.issuer, row.email),
  );
  return { format: { id: 'google-authenticator-db' }, ...read };
}

function readMicrosoft(rows: JsonObject[]): ImportResult {
  const read = readEntries(
    rows,
    (row) => {
      const type = Number(row.account_type);
      if (type === 0) return draftFrom({ type: 'totp', issuer: row.name, name: row.username, secret: row.oath_secret_key });
      if (type === 1) return draftFrom({ type: 'totp', issuer: row.name, name: row.username, secretBytes: base64ToBytes(row.oath_secret_key, 'the secret'), digits: 8 });
      throw new InvalidEntry('entry_sign_in_approval', 'this Microsoft Authenticator account approves sign-ins on the phone and has no one-time code');
    },
    (row, i) => entryPlace(i, row.name, row.username),
  );
  return { format: { id: 'microsoft-authenticator-db' }, ...read };
}

function readStratum(rows: JsonObject[]): ImportResult {
  const authenticators = rows.map((row) => ({ Type: row.type, Issuer: row.issuer, Username: row.username, Secret: row.secret, Algorithm: row.algorithm, Digits: row.digits, Period: row.period, Counter: row.counter }));
  return readStratumJson({ Authenticators: authenticators }, { id: 'stratum-db' });
}

export const sqliteAppsImporter: Importer = {
  id: 'sqlite',
  detect: (input: ImportInput) => (isSqliteFile(input.bytes) || dumpOf(input.json) ? 'plain' : 'no'),
  async read(input: ImportInput): Promise<ImportResult> {
    if (isSqliteFile(input.bytes)) {
      throw new AppError('unsupported_format', 'This is an app’s SQLite database: choose it on the backup page, which opens databases (or read it with `npm run backup -- read FILE`).');
    }
    const dump = dumpOf(input.json);
    if (!dump) throw new AppError('unknown_format', 'This is not an app’s SQLite database.');
    const google = rowsOf(dump, 'accounts', ['email', 'secret', 'type']);
    if (google) return readGoogle(google);
    const microsoft = rowsOf(dump, 'accounts', ['oath_secret_key', 'account_type']);
    if (microsoft) return readMicrosoft(microsoft);
    const stratum = rowsOf(dump, 'authenticator', ['type', 'secret', 'algorithm']);
    if (stratum) return readStratum(stratum);
    const tables = Array.isArray(dump.tableNames) ? dump.tableNames.slice(0, 10).map((t) => str(t).slice(0, 40)).join(', ') : '';
    throw new AppError(
      'unsupported_format',
      `This SQLite database is not one we read (Google Authenticator’s, Microsoft Authenticator’s or Stratum’s); its tables: ${tables || 'none'}.`,
    );
  },
};
