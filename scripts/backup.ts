// `npm run backup -- read FILE [--password P]` prints a backup's accounts as otpauth:// links;
// `npm run backup -- write --out FILE --password P` turns otpauth:// links on stdin into an encrypted
// backup. Same lib/ code as the extension, so a backup can be checked without a browser.
import { readFileSync, writeFileSync } from 'node:fs';
import { AppError } from '../lib/errors';
import { writeAegisBackup } from '../lib/formats/aegis-export';
import { importBackup } from '../lib/formats';
import { decodeImageInNode } from '../lib/formats/image-decode-node';
import { sqliteDump } from '../lib/formats/sqlite';
import { isSqliteFile } from '../lib/formats/sqlite-dump';
import { readLinks } from '../lib/formats/uri-list';
import { isZipFile } from '../lib/formats/zip-dump';
import { toOtpauthUri } from '../lib/otp/uri';

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
    console.error(`${result.format}: ${result.accounts.length} account(s)`);
    for (const skipped of result.skipped) console.error(`skipped ${skipped.label}: ${skipped.reason}`);
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
  const { accounts, skipped } = readLinks(readFileSync(0, 'utf8'), 'links');
  if (skipped.length) throw new AppError('invalid_entry', skipped.map((s) => `${s.label}: ${s.reason}`).join('\n'));
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
