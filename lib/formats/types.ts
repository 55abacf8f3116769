import type { AccountDraft } from '@/lib/otp/account';
import type { Pixels } from '@/lib/qr/decode';

/**
 * What every importer reads: the file's bytes (text formats are decoded by the importer).
 * Detection is by content, never by file name; `fileName` is only for messages.
 */
export interface ImportInput {
  bytes: Uint8Array;
  fileName?: string;
  /** How this place turns a PNG/JPEG into pixels (image.ts); absent where images are decoded elsewhere. */
  decodeImage?: ImageDecoder;
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
