import { AppError } from '@/lib/errors';
import type { AccountDraft } from '@/lib/otp/account';
import { decodeMigrationLink } from '@/lib/otp/migration';
import { parseOtpauthUri } from '@/lib/otp/uri';
import { textOf } from './common';
import type { Importer, ImportInput, ImportResult, SkippedEntry } from './types';

const LINK = /^(otpauth|otpauth-migration|steam):\/\//i;

/** Lines of the text, unquoted (Ente quotes some), without blanks and `#` comments. */
function linesOf(text: string): { line: string; number: number }[] {
  return text
    .split(/\r?\n/)
    .map((raw, i) => ({ line: raw.trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1').trim(), number: i + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'));
}

/**
 * Reads links one per line: `otpauth://`, `steam://` and Google's `otpauth-migration://` (every account
 * of every batch). A bad line is skipped with its line number and the reason.
 */
export function readLinks(text: string, format: string): ImportResult {
  const accounts: AccountDraft[] = [];
  const skipped: SkippedEntry[] = [];
  for (const { line, number } of linesOf(text)) {
    try {
      if (/^otpauth-migration:/i.test(line)) {
        const result = decodeMigrationLink(line);
        accounts.push(...result.accounts);
        skipped.push(...result.skipped.map((s) => ({ ...s, label: `line ${number}, ${s.label}` })));
      } else {
        accounts.push(parseOtpauthUri(line));
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      skipped.push({ label: `line ${number}`, reason: error.message });
    }
  }
  return { format, accounts, skipped };
}

export function isLinkList(bytes: Uint8Array): { ente: boolean } | null {
  const text = textOf(bytes);
  if (text === null) return null;
  const lines = linesOf(text);
  if (lines.length === 0 || !lines.every(({ line }) => LINK.test(line))) return null;
  return { ente: lines.some(({ line }) => /[?&]codeDisplay=/.test(line)) };
}

export const uriListImporter: Importer = {
  id: 'otpauth-list',
  detect: (input: ImportInput) => (isLinkList(input.bytes) ? 'plain' : 'no'),
  async read(input: ImportInput) {
    const kind = isLinkList(input.bytes);
    if (!kind) throw new AppError('unknown_format', 'This is not a list of otpauth:// links.');
    return readLinks(textOf(input.bytes) ?? '', kind.ente ? 'Ente Auth export (plain)' : 'otpauth:// link list');
  },
};
