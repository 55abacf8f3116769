import type { SerializedError } from '@/lib/errors';
import type { AccountDraft } from '@/lib/otp/account';
import type { Pixels } from '@/lib/qr/decode';
import type { PrefValue } from './android-prefs';

/*
 * The importer interface.
 *
 * A file is read ONCE, by `readImportFile(source)` (lib/formats/read.ts), into an `ImportInput`: its bytes,
 * its text when the bytes are UTF-8, its JSON when that text is JSON, and its Android shared-preferences
 * map when it is one. `detectFormat` / `importBackup` (index.ts) hand that same object to every importer's
 * `detect` and to the chosen importer's `read`. An importer never decodes or parses the whole file itself:
 *
 *   const fooImporter: Importer = {
 *     id: 'foo',
 *     detect: (input) => (isFoo(input.json) ? 'plain' : 'no'),      // input.text, input.json, input.bytes
 *     async read(input, password) { ... input.json ... },
 *   };
 *
 * Bytes it decrypts out of the file are another file: decode those with lib/vault/bytes (`utf8OrNull`,
 * `fromUtf8`). Callers (and tests) with only bytes pass `{ bytes, fileName?, decodeImage? }` (an
 * ImportSource) to `importBackup`/`detectFormat`, or `readImportFile(source)` to an importer directly.
 */

/** Where a file comes from: its bytes, and what this place can do with it. Detection is by content, never by file name. */
export interface ImportSource {
  bytes: Uint8Array;
  /** Only for messages. */
  fileName?: string;
  /** How this place turns a PNG/JPEG into pixels (image.ts); absent where images are decoded elsewhere. */
  decodeImage?: ImageDecoder;
}

/** A file read once (readImportFile): what every importer's `detect` and `read` are given. */
export interface ImportInput extends ImportSource {
  /** The bytes as UTF-8 text (a byte-order mark removed), or null when they are not valid UTF-8. */
  readonly text: string | null;
  /** The text parsed as JSON when it is a JSON object or list, else undefined. Shared: importers only read it. */
  readonly json: unknown;
  /** The Android shared-preferences XML (`<map>…</map>`) the text holds, else null. */
  readonly androidPrefs: ReadonlyMap<string, PrefValue> | null;
}

/** PNG/JPEG bytes to RGBA pixels; refuses images over `maxMegapixels` (Node: image-decode-node.ts). */
export type ImageDecoder = (kind: 'PNG' | 'JPEG', bytes: Uint8Array, maxMegapixels: number) => Promise<Pixels>;

/**
 * Where an entry is in the file, for the person to find it: structured, never English (the UI words it through
 * `_locales`, lib/formats/wording.ts). Each importer fills what its file has.
 */
export interface EntryPlace {
  /** Its place among the file's entries (tokens, items with a code), from 1; with `line`, among that line's Google export. */
  position?: number;
  /** The line of a text file (a link list) it is on, from 1. */
  line?: number;
  /** The row of a CSV file, from 1 (the header is row 1). */
  row?: number;
  /** Password managers: the vault (folder) holding the item. */
  vault?: string;
  /** What the file names it: the issuer, or the item's or KeePass entry's title. */
  issuer?: string;
  /** The account name (user name, e-mail). */
  name?: string;
}

/** An entry the file holds that we could not read, with why as a code, so the person can import the rest. */
export interface SkippedEntry extends EntryPlace {
  error: SerializedError;
}

/** Every format the preview can name: one `_locales` message each (`import_format_<id>`, lib/formats/wording.ts). */
export const IMPORT_FORMAT_IDS = [
  'aegis',
  '2fas',
  'andotp',
  'authenticator-extension',
  'authy',
  'battlenet',
  'bitwarden-json',
  'bitwarden-csv',
  'duo',
  'ente',
  'freeotp',
  'freeotp-plus',
  'freeotp-tokens',
  'image-link',
  'image-google-export',
  'keepass',
  '1password',
  'proton-pass',
  'proton-pass-csv',
  'proton-authenticator',
  'google-authenticator-db',
  'microsoft-authenticator-db',
  'steam',
  'stratum',
  'stratum-db',
  'totp-authenticator',
  'totp-authenticator-app-data',
  'otpauth-list',
  'winauth',
  'authenticator-plus',
] as const;

export type ImportFormatId = (typeof IMPORT_FORMAT_IDS)[number];

/** What file was read, as data: the UI names it in the person's language. */
export interface ImportFormat {
  id: ImportFormatId;
  /** Whether the file was encrypted, where the format can be either. */
  encrypted?: boolean;
  /** The version the file states (Aegis content version, 2FAS schema, KDBX, 1PUX, Proton Pass). */
  version?: string;
  /** Read out of a ZIP archive. */
  zip?: boolean;
  /** Stratum's older encryption. */
  older?: boolean;
  /** An image file's kind (the QR code was read from it). */
  image?: 'PNG' | 'JPEG';
  /** A Google export QR code that is one of several: which one (from 1) of how many. */
  batch?: { index: number; size: number };
}

export interface ImportResult {
  format: ImportFormat;
  accounts: AccountDraft[];
  skipped: SkippedEntry[];
}

export interface Importer {
  /** Stable id, e.g. `aegis`, `2fas`, `andotp`. */
  id: string;
  /**
   * Cheap look at the content. `no`: not this format. `plain`/`encrypted`: ours; `encrypted` means
   * `read` needs a password (throw AppError 'password_required' if none is given).
   */
  detect(input: ImportInput): 'no' | 'plain' | 'encrypted';
  /**
   * Reads everything or throws a specific AppError: 'wrong_passphrase' (wrong password),
   * 'damaged_backup' (authentication failed / truncated), 'unsupported_format' (a version we
   * do not read, saying which), 'password_required'. Invalid single entries go to `skipped`.
   */
  read(input: ImportInput, password?: string): Promise<ImportResult>;
}
