// `npm run backup -- read FILE [--password P]` prints a backup's accounts as otpauth:// links;
// `npm run backup -- write --out FILE --password P` turns otpauth:// links on stdin into an encrypted
// backup. Same lib/ code as the extension, so a backup can be checked without a browser.
import { readFileSync, writeFileSync } from 'node:fs';
import { AppError, paramNamesOf, type SerializedError } from '../lib/errors';
import { writeAegisBackup } from '../lib/formats/aegis-export';
import { importBackup } from '../lib/formats';
import { decodeImageInNode } from '../lib/formats/image-decode-node';
import { sqliteDump } from '../lib/formats/sqlite';
import { isSqliteFile } from '../lib/formats/sqlite-dump';
import type { SkippedEntry } from '../lib/formats/types';
import { readLinks } from '../lib/formats/uri-list';
import { entryText, formatName, type Translate } from '../lib/formats/wording';
import { isZipFile } from '../lib/formats/zip-dump';
import { toOtpauthUri } from '../lib/otp/uri';

/** The English catalogue, worded as chrome.i18n.getMessage would: `$NAME$` to its placeholder, then `$1…$9`. */
const EN = JSON.parse(readFileSync(new URL('../public/_locales/en/messages.json', import.meta.url), 'utf8')) as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const english: Translate = (key, substitutions = []) => {
  const entry = EN[key];
  if (!entry) return key;
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (all, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? all);
  return named.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
};
const englishError = (error: SerializedError) => english(`error_${error.code}`, paramNamesOf(error.code).map((name) => String(error.params?.[name] ?? '')));
const skippedText = (entry: SkippedEntry) => entryText(entry, english, englishError(entry.error));

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

/** Arguments that are neither `--options` nor their values. */
function positional(args: string[]): string[] {
  return args.filter((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
}

async function read(args: string[]): Promise<void> {
  const file = positional(args)[0];
  if (!file) throw new Error('usage: backup read FILE [--password P]');
  // Any supported file, PNG/JPEG screenshots of a QR code included: detected from the content.
  let bytes = new Uint8Array(readFileSync(file));
  // An app's SQLite database is opened here, as the backup page does, and its dump read by the importers.
  if (isSqliteFile(bytes)) bytes = await sqliteDump(bytes, async () => (await import('sql.js')).default());
  // So is a ZIP archive (Authenticator Plus, WinAuth, 1Password .1pux, Proton Pass), with the password if given.
  else if (isZipFile(bytes)) bytes = await (await import('../lib/formats/zip')).zipDump(bytes, option(args, '--password'));
  try {
    const result = await importBackup({ bytes, fileName: file, decodeImage: decodeImageInNode }, option(args, '--password'));
    console.error(`${formatName(result.format, english)}: ${result.accounts.length} account(s)`);
    for (const skipped of result.skipped) console.error(`skipped ${skippedText(skipped)}`);
    for (const account of result.accounts) console.log(toOtpauthUri(account));
  } catch (error) {
    if (error instanceof AppError && error.code === 'password_required') throw new AppError('password_required', `${error.message} Pass it with --password.`);
    throw error;
  }
}

async function write(args: string[]): Promise<void> {
  const out = option(args, '--out');
  const password = option(args, '--password');
  if (!out || !password) throw new Error('usage: backup write --out FILE --password P < links.txt');
  if (password.length < 8) throw new AppError('weak_backup_password', 'The backup password must have at least 8 characters.', { min: 8 });
  const { accounts, skipped } = readLinks(readFileSync(0, 'utf8'), { id: 'otpauth-list' });
  if (skipped.length) throw new AppError('invalid_entry', skipped.map(skippedText).join('\n'));
  writeFileSync(out, await writeAegisBackup(accounts, password));
  console.error(`Wrote ${accounts.length} account(s) to ${out} (Aegis vault format, encrypted).`);
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'read') await read(rest);
  else if (command === 'write') await write(rest);
  else throw new Error('usage: backup read FILE [--password P] | backup write --out FILE --password P');
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
