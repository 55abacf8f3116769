/**
 * The JSON dump of a ZIP archive that the backup page and the CLI send to the importers instead of the archive
 * itself (zip.ts makes it with zip.js; zip-apps.ts reads it), as sqlite-dump.ts does for SQLite databases. It lists
 * every file and carries the text of the few an app's export keeps its accounts in. No dependencies: the backup
 * page imports this.
 */
export interface ZipDumpEntry {
  /** Path inside the archive, `/`-separated. */
  name: string;
  /** Uncompressed size the archive declares. */
  size: number;
  /** Sealed with a password (ZipCrypto or WinZip AES). */
  encrypted: boolean;
  /** The file's UTF-8 text, for the files importers read (TEXT_FILE), when it could be opened. */
  text?: string;
}

export interface ZipDump {
  keyringZipDump: 1;
  entries: ZipDumpEntry[];
  /**
   * What the password did to the encrypted files: `none` (none given, or none needed), `accepted`, or `rejected`
   * (zip.js refused it, or what it decrypted failed the CRC / would not inflate: a wrong password or a damaged file).
   */
  password: 'none' | 'accepted' | 'rejected';
}

const MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY = [0x50, 0x4b, 0x05, 0x06];

export function isZipFile(bytes: Uint8Array): boolean {
  const starts = (magic: number[]) => bytes.length >= 22 && magic.every((b, i) => bytes[i] === b);
  return starts(MAGIC) || starts(EMPTY);
}

/**
 * Files whose text goes into the dump: Authenticator Plus's `Accounts.txt`, WinAuth's `<name>.txt`, 1Password's
 * `export.data` / `export.attributes`, Proton Pass's `Proton Pass/data.json` and `data.pgp`. Attachments stay out.
 */
export const TEXT_FILE = /(^|\/)([^/]+\.txt|export\.data|export\.attributes|data\.json|data\.pgp)$/i;
