import initSqlJs from 'sql.js';
import { sqliteDump } from '@/lib/formats/sqlite';
import type { AccountDraft } from '@/lib/otp/account';
import { REFERENCE } from './helpers';

/**
 * Apps' SQLite databases of the reference accounts, built with sql.js from each app's schema (the CREATE TABLE
 * statements of Google Authenticator's `databases`, Microsoft Authenticator's `PhoneFactor` and Stratum's
 * `authenticator.db3`; the columns Aegis's GoogleAuthImporter, MicrosoftAuthImporter and StratumImporter read).
 */
export const loadSql = () => initSqlJs();
type Value = string | number | null;

async function database(schema: string[], table: string, columns: string[], rows: Value[][]): Promise<Uint8Array> {
  const SQL = await loadSql();
  const db = new SQL.Database();
  for (const statement of schema) db.run(statement);
  for (const row of rows) db.run(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, row);
  const bytes = db.export();
  db.close();
  return bytes;
}

const GOOGLE_SCHEMA = [
  'CREATE TABLE android_metadata (locale TEXT)',
  'CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT NOT NULL, secret TEXT NOT NULL, counter INTEGER DEFAULT 0, type INTEGER, provider INTEGER DEFAULT 0, issuer TEXT DEFAULT NULL, original_name TEXT DEFAULT NULL)',
];
/** Google Authenticator keeps TOTP and HOTP only, always SHA-1, 6 digits, 30 s. */
export const GOOGLE_ACCOUNTS: AccountDraft[] = REFERENCE.filter((a) => a.type !== 'steam').map((a) => ({ ...a, algorithm: 'SHA1', digits: 6, period: 30 }));
export function googleAuthenticatorDb(extra: Value[][] = [], accounts = GOOGLE_ACCOUNTS): Promise<Uint8Array> {
  const rows = accounts.map((a): Value[] => [`${a.issuer}:${a.name}`, a.secret.toLowerCase().replace(/(.{4})/g, '$1 ').trim(), a.counter, a.type === 'hotp' ? 1 : 0, a.issuer, `${a.issuer}:${a.name}`]);
  return database(GOOGLE_SCHEMA, 'accounts', ['email', 'secret', 'counter', 'type', 'issuer', 'original_name'], [...rows, ...extra]);
}
/** Older Google Authenticator databases had an `isencrypted` column. */
export function googleAuthenticatorDbWithEncrypted(): Promise<Uint8Array> {
  const schema = ['CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT NOT NULL, secret TEXT NOT NULL, counter INTEGER DEFAULT 0, type INTEGER, provider INTEGER DEFAULT 0, issuer TEXT DEFAULT NULL, isencrypted INTEGER DEFAULT 0)'];
  const [a, b] = GOOGLE_ACCOUNTS;
  return database(schema, 'accounts', ['email', 'secret', 'counter', 'type', 'issuer', 'isencrypted'], [
    [`${a!.issuer}:${a!.name}`, a!.secret, 0, 0, a!.issuer, 0],
    [`${b!.issuer}:${b!.name}`, 'c2VhbGVkIGJ5IHRoZSBwaG9uZQ==', 0, 0, b!.issuer, 1],
  ]);
}

const MICROSOFT_COLUMNS = ['group_key', 'name', 'username', 'paws_url', 'oath_secret_key', 'oath_enabled', 'cid', 'cached_pin', 'ngc_ski', 'aad_user_id', 'aad_tenant_id', 'account_type', 'account_capability', 'ux_position', 'is_totp_code_shown', 'encrypted_oath_secret_key', 'mfa_pin_encryption_key_alias', 'identity_provider', 'aad_ngc_totp_enabled', 'aad_authority', 'restore_capability', 'update_flags', 'has_password', 'aad_security_defaults_policy_enabled'];
const MICROSOFT_SCHEMA = [
  'CREATE TABLE android_metadata (locale TEXT)',
  `CREATE TABLE \`accounts\` (\`_id\` INTEGER PRIMARY KEY AUTOINCREMENT, ${MICROSOFT_COLUMNS.map((c) => `\`${c}\` ${['oath_enabled', 'account_type', 'account_capability', 'ux_position', 'is_totp_code_shown', 'aad_ngc_totp_enabled', 'restore_capability', 'update_flags', 'has_password', 'aad_security_defaults_policy_enabled'].includes(c) ? 'INTEGER' : 'TEXT'} NOT NULL`).join(', ')})`,
  'CREATE TABLE room_master_table (id INTEGER PRIMARY KEY,identity_hash TEXT)',
];
/** Microsoft Authenticator keeps TOTP only (SHA-1, 6 digits, 30 s) for other sites: account_type 0. */
export const MICROSOFT_ACCOUNTS: AccountDraft[] = REFERENCE.map((a) => ({ ...a, type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 }));
export function microsoftAuthenticatorDb(extra: { name: string; username: string; secret: string; type: number }[] = []): Promise<Uint8Array> {
  const row = (name: string, username: string, secret: string, type: number): Value[] =>
    MICROSOFT_COLUMNS.map((c) => ({ name, username, oath_secret_key: secret, account_type: type, group_key: `${name}|${username}`, oath_enabled: 0 } as Record<string, Value>)[c] ?? (c.endsWith('enabled') || c.includes('capability') || c.includes('flags') || c.includes('position') || c.startsWith('has_') || c.startsWith('is_') ? 0 : ''));
  const rows = [...MICROSOFT_ACCOUNTS.map((a) => row(a.issuer, a.name, a.secret, 0)), ...extra.map((e) => row(e.name, e.username, e.secret, e.type))];
  return database(MICROSOFT_SCHEMA, 'accounts', MICROSOFT_COLUMNS, rows);
}

const STRATUM_SCHEMA = [
  'CREATE TABLE "authenticator" ("type" integer, "icon" varchar, "issuer" varchar(32), "username" varchar(40), "secret" varchar primary key not null, "pin" varchar, "algorithm" integer, "digits" integer, "period" integer, "counter" integer, "ranking" integer)',
  'CREATE TABLE "category" ("id" varchar(8) primary key not null, "name" varchar(32), "ranking" integer)',
  'CREATE TABLE "customicon" ("id" varchar primary key not null, "data" blob)',
];
export function stratumDb(): Promise<Uint8Array> {
  const rows = REFERENCE.map((a, i): Value[] => [{ hotp: 1, totp: 2, steam: 4 }[a.type], null, a.issuer, a.name, a.secret, null, ['SHA1', 'SHA256', 'SHA512'].indexOf(a.algorithm), a.digits, a.period, a.counter, i]);
  return database(STRATUM_SCHEMA, 'authenticator', ['type', 'icon', 'issuer', 'username', 'secret', 'pin', 'algorithm', 'digits', 'period', 'counter', 'ranking'], rows);
}

/** What the backup page sends for a database. */
export const dumpOf = (bytes: Uint8Array) => sqliteDump(bytes, loadSql);
