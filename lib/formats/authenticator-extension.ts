import { AppError } from '@/lib/errors';
import { draftFrom, entryLabel, InvalidEntry, isObject, jsonOf, readEntries, str, type JsonObject } from './common';
import type { Importer, ImportInput } from './types';

/**
 * The "Authenticator" browser extension's JSON backup: an object keyed by each entry's hash,
 * `{account, issuer, secret, type, period?, digits?, algorithm?, counter?, encrypted, hash, index, pinned?}`.
 * Encrypted backups carry CryptoJS (OpenSSL MD5 key derivation) ciphertexts WebCrypto cannot open.
 */
function entriesOf(json: unknown): JsonObject[] | null {
  if (!isObject(json)) return null;
  const entries = Object.entries(json)
    .filter(([key]) => key !== 'key')
    .map(([, value]) => value);
  if (entries.length === 0 || !entries.every((e) => isObject(e) && 'secret' in e && ('hash' in e || 'encrypted' in e) && ('account' in e || 'issuer' in e))) return null;
  return entries as JsonObject[];
}

const TYPES: Record<string, string> = { totp: 'totp', hotp: 'hotp', steam: 'steam' };

export const authenticatorExtensionImporter: Importer = {
  id: 'authenticator-extension',
  detect(input: ImportInput) {
    const entries = entriesOf(jsonOf(input.bytes));
    if (!entries) return 'no';
    return entries.some((e) => e.encrypted === true) ? 'encrypted' : 'plain';
  },
  async read(input: ImportInput) {
    const json = jsonOf(input.bytes);
    const entries = entriesOf(json);
    if (!entries) throw new AppError('unknown_format', 'This is not an Authenticator extension backup.');
    if (entries.some((e) => e.encrypted === true)) {
      throw new AppError(
        'unsupported_format',
        'This Authenticator extension backup is encrypted with CryptoJS’s OpenSSL-style key derivation, which browsers cannot run: in that extension remove the password protection or choose “Download backup file” unencrypted, import it, then delete it.',
      );
    }
    const sorted = [...entries].sort((a, b) => (Number(a.index) || 0) - (Number(b.index) || 0));
    const { accounts, skipped } = readEntries(
      sorted,
      (entry) => {
        const type = TYPES[str(entry.type || 'totp').toLowerCase()];
        if (!type) throw new InvalidEntry(`${str(entry.type)} accounts are not supported (only TOTP, HOTP and Steam)`);
        return draftFrom({ type, issuer: entry.issuer, name: entry.account, secret: entry.secret, algorithm: entry.algorithm, digits: entry.digits, period: entry.period, counter: entry.counter, pinned: entry.pinned });
      },
      (entry, i) => entryLabel(i, entry.issuer, entry.account),
    );
    return { format: 'Authenticator extension backup', accounts, skipped };
  },
};
