import { configure, ERR_INVALID_PASSWORD, TextWriter, Uint8ArrayReader, ZipReader, type Entry } from '@zip.js/zip.js';
import { AppError } from '@/lib/errors';
import { isZipFile, TEXT_FILE, type ZipDump, type ZipDumpEntry } from './zip-dump';

/**
 * Turns a ZIP archive (Authenticator Plus and WinAuth backups, 1Password .1pux, Proton Pass exports) into the small
 * JSON dump the importers read (zip-apps.ts), so zip.js runs only where this module is loaded: the backup page and
 * the CLI, never the background, popup or content script. zip.js reads ZipCrypto (Authenticator Plus, WinAuth) and
 * WinZip AES archives; it is never asked to write one.
 */
configure({ useWebWorkers: false });

/** More files than any export holds (1Password attachments included); a larger listing is not a backup. */
const MAX_ENTRIES = 10_000;
/** A text file larger than this is not an authenticator's export (1,000 accounts with notes are ~1 MB). */
const MAX_TEXT_BYTES = 32 * 1024 * 1024;

function decodeUtf8(text: string): string {
  return text.replace(/^\uFEFF/, '');
}

async function textOf(entry: Entry, password: string | undefined): Promise<string> {
  if (entry.directory) return '';
  return decodeUtf8(await entry.getData(new TextWriter('utf-8'), { password, checkSignature: true }));
}

export async function zipDump(bytes: Uint8Array, password?: string): Promise<Uint8Array<ArrayBuffer>> {
  if (!isZipFile(bytes)) throw new AppError('unknown_format', 'This is not a ZIP archive.');
  const reader = new ZipReader(new Uint8ArrayReader(bytes));
  let entries: Entry[];
  try {
    entries = await reader.getEntries();
  } catch {
    throw new AppError('damaged_backup', 'This ZIP archive is damaged: its list of files (the central directory) cannot be read.');
  }
  if (entries.length > MAX_ENTRIES) throw new AppError('unsupported_format', `This ZIP archive holds more than ${MAX_ENTRIES} files: it is not an authenticator's export.`);
  const dump: ZipDump = { keyringZipDump: 1, entries: [], password: 'none' };
  for (const entry of entries) {
    if (entry.directory) continue;
    const item: ZipDumpEntry = { name: entry.filename.slice(0, 500), size: entry.uncompressedSize, encrypted: entry.encrypted };
    dump.entries.push(item);
    if (!TEXT_FILE.test(entry.filename) || dump.password === 'rejected') continue;
    if (entry.uncompressedSize > MAX_TEXT_BYTES) throw new AppError('unsupported_format', `The file “${item.name}” in this ZIP archive is ${Math.round(entry.uncompressedSize / 1048576)} MB: too large to be an authenticator's export.`);
    if (entry.encrypted && !password) continue;
    try {
      item.text = await textOf(entry, entry.encrypted ? password : undefined);
      if (entry.encrypted) dump.password = 'accepted';
    } catch (error) {
      // A wrong ZipCrypto password passes its one-byte check 1 time in 256 and then fails the CRC or the inflate:
      // for a sealed file every failure is “wrong password or damaged”; for an open one the file is damaged.
      if (entry.encrypted) {
        dump.password = 'rejected';
        continue;
      }
      const reason = error instanceof Error && error.message !== ERR_INVALID_PASSWORD ? error.message : 'it cannot be read';
      throw new AppError('damaged_backup', `The file “${item.name}” in this ZIP archive is damaged (${reason.slice(0, 80)}).`);
    }
  }
  await reader.close();
  return new TextEncoder().encode(JSON.stringify(dump));
}
