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

/** An entry the file holds that we could not read, with the reason, so the person can import the rest. */
export interface SkippedEntry {
  /** Where it is in the file, for the person: `entry 3 (“GitHub: alice”)`. */
  label: string;
  reason: string;
}

export interface ImportResult {
  /** Human name of the detected format, e.g. `Aegis vault (encrypted, content version 2)`. */
  format: string;
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
