import { AppError } from '@/lib/errors';
import type { AccountDraft } from '@/lib/otp/account';
import { decodeMigrationLink } from '@/lib/otp/migration';
import { parseOtpauthUri } from '@/lib/otp/uri';
import { InvalidEntry, skipOnError } from './common';
import type { Importer, ImportFormat, ImportInput, ImportResult, SkippedEntry } from './types';

const LINK = /^(otpauth|otpauth-migration|steam):\/\//i;

/** Lines of the text, unquoted (Ente quotes some), without blanks and `#` comments. */
export function linesOf(text: string): { line: string; number: number }[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((raw, i) => ({ line: raw.trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1').trim(), number: i + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'));
}

/** Lets a format adjust each account read from one of its links (Ente's extra parameters), or refuse it. */
export type AdaptLink = (draft: AccountDraft, link: string) => AccountDraft;

/**
 * Reads links one per line: `otpauth://`, `steam://` and Google's `otpauth-migration://` (every account
 * of every batch). A bad line is skipped with its line number and the reason.
 */
export function readLinks(text: string, format: ImportFormat, adapt: AdaptLink = (draft) => draft): ImportResult {
  const accounts: AccountDraft[] = [];
  const skipped: SkippedEntry[] = [];
  for (const { line, number } of linesOf(text)) {
    skipOnError(skipped, { line: number }, () => {
      if (/^otpauth-migration:/i.test(line)) {
        const result = decodeMigrationLink(line);
        accounts.push(...result.accounts);
        skipped.push(...result.skipped.map((s) => ({ line: number, ...s })));
      } else if (LINK.test(line)) {
        accounts.push(adapt(parseOtpauthUri(line), line));
      } else {
        const start = line.slice(0, 20);
        throw new InvalidEntry('entry_not_a_link', `it is not an otpauth://, steam:// or otpauth-migration:// link (it starts with “${start}”)`, { start });
      }
    });
  }
  return { format, accounts, skipped };
}

/**
 * True when at least half of the lines that are not blank or comments are links (and there is one): a few
 * stray lines are then skipped with their number instead of refusing the whole list.
 */
export function isLinkList(text: string | null): boolean {
  if (text === null) return false;
  const lines = linesOf(text);
  const links = lines.filter(({ line }) => LINK.test(line)).length;
  return links > 0 && links * 2 >= lines.length;
}

/** Any text with one otpauth://, steam:// or otpauth-migration:// link per line. */
export const uriListImporter: Importer = {
  id: 'otpauth-list',
  detect: (input: ImportInput) => (isLinkList(input.text) ? 'plain' : 'no'),
  async read(input: ImportInput) {
    if (!isLinkList(input.text)) throw new AppError('unknown_format', 'This is not a list of otpauth:// links.');
    return readLinks(input.text ?? '', { id: 'otpauth-list' });
  },
};
