import type { OtpType } from '@/lib/otp/account';
import type { SendersOf } from '@/lib/messaging/types';
import type { ImportFormat, SkippedEntry } from './types';

/** One account as the import preview shows it: no secret leaves the background. */
export interface ImportPreviewEntry {
  issuer: string;
  name: string;
  type: OtpType;
  /** Already in the vault (same issuer, name and secret): skipped unless the person asks. */
  duplicate: boolean;
}

export interface ImportPreview {
  /** Refers to the parsed file kept in the background until the person confirms (or 10 minutes pass). */
  token: string;
  /** Which format was read, as data (the page names it through `_locales`, lib/formats/wording.ts). */
  format: ImportFormat;
  entries: ImportPreviewEntry[];
  /** Entries left out: where each is and why, as {code, params} (no English crosses). */
  skipped: SkippedEntry[];
}

export type ExportRequest =
  | { format: 'aegis-encrypted'; password: string; vaultPassphrase: string }
  | { format: 'aegis-plain' | 'otpauth-list'; vaultPassphrase: string; acknowledgePlain: true };

/** Messages of backup export and import (extension pages only). */
export interface BackupProtocol {
  /** Reads a file (base64 bytes) and says what is in it; nothing is added yet. */
  'backup/preview': { request: { data: string; fileName?: string; password?: string }; response: ImportPreview };
  /** Adds the previewed accounts in one transaction: all or nothing. */
  'backup/import': { request: { token: string; includeDuplicates: boolean }; response: { added: number } };
  /** Every account, after the vault passphrase is given again. */
  'backup/export': { request: ExportRequest; response: { fileName: string; mimeType: string; text: string } };
}

export const BACKUP_SENDERS = {
  'backup/preview': ['extension-page'],
  'backup/import': ['extension-page'],
  'backup/export': ['extension-page'],
} as const satisfies SendersOf<BackupProtocol>;
