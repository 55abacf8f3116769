import { AppError } from '@/lib/errors';
import { base64ToBytes, draftFrom, entryPlace, InvalidEntry, isObject, readEntries, str, type JsonObject } from './common';
import type { Importer, ImportInput, ImportResult } from './types';

/**
 * Steam Guard: a `.maFile` (Steam Desktop Authenticator, and the Steam app's own `Steamguard-<id>` file before
 * 2023) is one JSON account with `shared_secret` (base64) and `account_name`; newer Steam app files hold
 * `{accounts: {<id>: account}}`. Learned from Aegis's SteamImporter and its test files.
 */
function accountsOf(json: unknown): JsonObject[] | null {
  if (!isObject(json)) return null;
  if (typeof json.shared_secret === 'string') return [json];
  if (isObject(json.accounts)) {
    const accounts = Object.values(json.accounts).filter(isObject);
    if (accounts.length > 0 && accounts.every((a) => 'shared_secret' in a)) return accounts;
  }
  return null;
}

export const steamImporter: Importer = {
  id: 'steam',
  detect: (input: ImportInput) => (accountsOf(input.json) ? 'plain' : 'no'),
  async read(input: ImportInput): Promise<ImportResult> {
    const accounts = accountsOf(input.json);
    if (!accounts) throw new AppError('unknown_format', 'This is not a Steam Guard file.');
    const read = readEntries(
      accounts,
      (account) => {
        let secretBytes: Uint8Array;
        try {
          secretBytes = base64ToBytes(account.shared_secret, 'shared secret');
        } catch {
          throw new InvalidEntry('secret_not_base64', 'its shared secret is not base64');
        }
        return draftFrom({ type: 'steam', issuer: 'Steam', name: str(account.account_name), secretBytes });
      },
      (account, i) => entryPlace(i, 'Steam', account.account_name),
    );
    return { format: { id: 'steam' }, ...read };
  },
};
