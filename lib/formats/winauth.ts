import { AppError } from '@/lib/errors';
import type { AccountDraft } from '@/lib/otp/account';
import type { Importer, ImportFormat, ImportInput, ImportResult } from './types';
import { linesOf, readLinks } from './uri-list';

/**
 * WinAuth's export (File → Export, a .txt file; or a password-protected .zip holding that .txt, read from the zip
 * dump): one otpauth:// link per authenticator, written by WinAuthAuthenticator.ToUrl (winauth/winauth,
 * WinAuth/WinAuthAuthenticator.cs) in a fixed shape — `otpauth://TYPE/LABEL?secret=S&digits=N` then optional
 * `&issuer=`, `&serial=` (Battle.net), `&deviceid=…&data=…` (Steam), `&counter=` (HOTP), `&icon=` — no algorithm
 * or period (WinAuth's codes are SHA-1, 30 s). Its quirks, fixed up here:
 * - the issuer goes into the label unencoded (a space, `#` or `%` in it breaks a strict URI parser), the account
 *   with .NET's HttpUtility.UrlEncode (`+` for a space);
 * - with no issuer, the label is WinAuth's display name (`Google (ann@mail)` was split by ToUrl already; older
 *   versions wrote it whole): it names the service, so it becomes the issuer, as Aegis's WinAuthImporter does;
 * - a Steam authenticator is `totp` with 5 digits and Steam's `deviceid`/`data`: it becomes a Steam account.
 */
const WINAUTH_LINE = /^otpauth:\/\/(totp|hotp)\/[^?]*\?secret=[^&]*&digits=\d+(&issuer=[^&]*)?(&serial=[^&]*|&deviceid=[^&]*&data=[^&]*|&counter=\d*)?(&icon=[^&]*)?$/i;

/** True when every link of the text has the exact shape WinAuth writes (and there is one). */
export function isWinAuthText(text: string): boolean {
  // Every importer's detect sees every file: look at the first line that counts before splitting the whole text.
  let start = 0;
  for (;;) {
    const end = text.slice(start, start + 65_536).search(/\r|\n/);
    const line = (end < 0 ? text.slice(start, start + 65_536) : text.slice(start, start + end)).trim();
    if (line && !line.startsWith('#')) {
      if (!WINAUTH_LINE.test(line.replace(/^"(.*)"$/, '$1'))) return false;
      break;
    }
    if (end < 0) return false;
    start += end + 1;
  }
  const lines = linesOf(text);
  return lines.length > 0 && lines.every(({ line }) => WINAUTH_LINE.test(line));
}

/** Escapes what WinAuth leaves raw in the label: `#` (a fragment otherwise) and a `%` that starts no escape. */
function escapeLabel(line: string): string {
  const start = line.indexOf('/', 'otpauth://'.length) + 1;
  const end = line.indexOf('?');
  if (start <= 0 || end < start) return line;
  const label = line.slice(start, end).replace(/%(?![0-9a-f]{2})/gi, '%25').replace(/#/g, '%23');
  return line.slice(0, start) + label + line.slice(end);
}

function adapt(draft: AccountDraft, line: string): AccountDraft {
  const steam = /[?&]deviceid=/i.test(line) || (draft.digits === 5 && draft.issuer.toLowerCase() === 'steam');
  const fixed: AccountDraft = steam ? { ...draft, type: 'steam', digits: 5, algorithm: 'SHA1', period: 30, counter: 0 } : draft;
  if (fixed.issuer) return fixed;
  const split = /^([^(]+?)\s+\((.*?)\)(.*)$/.exec(fixed.name);
  if (split) return { ...fixed, issuer: (split[1] ?? '').trim(), name: `${split[2] ?? ''}${split[3] ?? ''}`.trim() };
  return { ...fixed, issuer: fixed.name, name: '' };
}

/** Reads WinAuth's export text (already decoded), fixing up each link as above. */
export function readWinAuthText(text: string, format: ImportFormat = { id: 'winauth' }): ImportResult {
  // Line by line, so a skipped link keeps its line number in the file.
  const escaped = text.split(/\r\n|\r|\n/).map((raw) => (WINAUTH_LINE.test(raw.trim()) ? escapeLabel(raw.trim()) : raw));
  return readLinks(escaped.join('\n'), format, adapt);
}

export const winAuthImporter: Importer = {
  id: 'winauth',
  detect(input: ImportInput) {
    const text = input.text;
    return text !== null && isWinAuthText(text) ? 'plain' : 'no';
  },
  async read(input: ImportInput) {
    const text = input.text;
    if (text === null || !isWinAuthText(text)) throw new AppError('unknown_format', 'This is not a WinAuth export.');
    return readWinAuthText(text);
  },
};
