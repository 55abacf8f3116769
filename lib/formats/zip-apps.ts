import { AppError } from '@/lib/errors';
import { isObject } from './common';
import { parseJson } from './read';
import { readOnePux } from './onepassword';
import { PGP_ADVICE, readProtonPass } from './proton-pass';
import type { Importer, ImportInput, ImportResult } from './types';
import { isLinkList, readLinks } from './uri-list';
import { isWinAuthText, readWinAuthText } from './winauth';
import { isZipFile, type ZipDump, type ZipDumpEntry } from './zip-dump';

/**
 * Apps whose export is a ZIP archive, read from the JSON dump that zip.ts makes of it on the backup page or in the
 * CLI (zip.js is never loaded in the background):
 * - Authenticator Plus: its backup is a ZipCrypto-encrypted ZIP (the backup password) holding `Accounts.txt`, one
 *   otpauth:// link per line (learned from Aegis's AuthenticatorPlusImporter and its test archive: flag 0x9,
 *   deflate, no WinZip AES extra field);
 * - WinAuth: Export to a `.zip` (optionally with a password, ZipCrypto via SharpZipLib) holding one `<name>.txt`;
 * - 1Password: the `.1pux` export (`export.data`, onepassword.ts);
 * - Proton Pass: `Proton Pass/data.json` (proton-pass.ts), or `Proton Pass/data.pgp` when encrypted.
 */
export function zipDumpOf(json: unknown): ZipDump | null {
  return isObject(json) && json.keyringZipDump === 1 && Array.isArray(json.entries) ? (json as unknown as ZipDump) : null;
}

const entriesOf = (dump: ZipDump): ZipDumpEntry[] => dump.entries.filter((e): e is ZipDumpEntry => isObject(e) && typeof e.name === 'string');
const baseName = (name: string) => name.slice(name.lastIndexOf('/') + 1);

interface Found {
  app: string;
  entries: ZipDumpEntry[];
  read: (texts: string[]) => ImportResult;
}

function parsed(text: string, what: string): unknown {
  const json = parseJson(text);
  if (json === undefined) throw new AppError('damaged_backup', `The ${what} in this ZIP archive is not valid JSON.`);
  return json;
}

/** Which app wrote the archive, from the names of its files. */
function appOf(entries: ZipDumpEntry[]): Found | null {
  const named = (test: (name: string) => boolean) => entries.filter((e) => test(e.name));
  const pux = named((n) => n === 'export.data');
  if (pux.length === 1) {
    const attributes = named((n) => n === 'export.attributes');
    return { app: '1Password export', entries: [...pux, ...attributes], read: ([data, attrs]) => readOnePux(parsed(data ?? '', 'export.data'), attrs === undefined ? undefined : parseJson(attrs)) };
  }
  const proton = named((n) => /^Proton Pass\/data\.json$/i.test(n));
  if (proton.length === 1) return { app: 'Proton Pass export', entries: proton, read: ([data]) => readProtonPass(parsed(data ?? '', 'Proton Pass/data.json')) };
  if (named((n) => /^Proton Pass\/data\.pgp$/i.test(n)).length) return { app: 'Proton Pass export', entries: [], read: () => { throw new AppError('unsupported_format', PGP_ADVICE.protonPass); } };
  const plus = named((n) => baseName(n) === 'Accounts.txt');
  if (plus.length === 1) return { app: 'Authenticator Plus backup', entries: plus, read: ([text]) => readLinks(text ?? '', { id: 'authenticator-plus', encrypted: true, zip: true }) };
  const texts = named((n) => /\.txt$/i.test(n));
  if (texts.length === 1 && entries.length === 1) {
    return {
      app: 'WinAuth export',
      entries: texts,
      read: ([text = '']) => {
        if (isWinAuthText(text)) return readWinAuthText(text, { id: 'winauth', zip: true, ...(texts[0]?.encrypted ? { encrypted: true } : {}) });
        if (isLinkList(text)) return readLinks(text, { id: 'otpauth-list', zip: true });
        throw new AppError('unknown_format', `This ZIP archive holds one text file, “${baseName(texts[0]?.name ?? '').slice(0, 60)}”, but it is not a list of otpauth:// links.`);
      },
    };
  }
  return null;
}

function describe(entries: ZipDumpEntry[]): string {
  const names = entries.slice(0, 5).map((e) => `“${e.name.slice(0, 60)}”`);
  return entries.length ? `${names.join(', ')}${entries.length > 5 ? ` and ${entries.length - 5} more` : ''}` : 'no files';
}

export function readZipDump(dump: ZipDump, password?: string): ImportResult {
  const entries = entriesOf(dump);
  const found = appOf(entries);
  if (!found) throw new AppError('unknown_format', `This ZIP archive holds no export we know (it holds ${describe(entries)}).`);
  const sealed = found.entries.some((e) => e.encrypted && typeof e.text !== 'string');
  if (sealed && dump.password === 'rejected') throw new AppError('wrong_passphrase', `Wrong password for this ${found.app} (or the ZIP archive is damaged).`);
  if (sealed) {
    if (password) throw new AppError('wrong_passphrase', `Wrong password for this ${found.app} (or the ZIP archive is damaged).`);
    throw new AppError('password_required', `This ${found.app} is an encrypted ZIP archive: enter its password.`);
  }
  const texts = found.entries.map((e) => e.text);
  if (texts.some((t) => typeof t !== 'string')) throw new AppError('damaged_backup', `This ${found.app}'s ${describe(found.entries.filter((e) => typeof e.text !== 'string'))} could not be read from the ZIP archive.`);
  return found.read(texts as string[]);
}

/** Whether reading needs a password: a file we read is sealed and was not opened. */
function kindOf(dump: ZipDump): 'plain' | 'encrypted' {
  const found = appOf(entriesOf(dump));
  return found?.entries.some((e) => e.encrypted && typeof e.text !== 'string') ? 'encrypted' : 'plain';
}

export const zipAppsImporter: Importer = {
  id: 'zip',
  detect(input: ImportInput) {
    if (isZipFile(input.bytes)) return 'plain'; // read() says the page or CLI must unpack it first
    const dump = zipDumpOf(input.json);
    return dump ? kindOf(dump) : 'no';
  },
  async read(input: ImportInput, password?: string) {
    if (isZipFile(input.bytes)) throw new AppError('unsupported_format', 'This ZIP archive must be opened by the backup page or the CLI (npm run backup -- read FILE), which unpack it before reading.');
    const dump = zipDumpOf(input.json);
    if (!dump) throw new AppError('unknown_format', 'This is not a ZIP archive.');
    return readZipDump(dump, password);
  },
};
