import { AppError } from '@/lib/errors';
import { draftFrom, entryPlace, InvalidEntry, isObject, readEntries, str, type JsonObject } from './common';
import type { Importer, ImportInput, ImportResult } from './types';

/**
 * Duo Mobile (Android): `files/duokit/accounts.json`, a list of accounts whose `otpGenerator` holds a base32
 * `otpSecret` and, for HOTP, the `counter`. Duo keeps no issuer: the account's `name` is all there is.
 * Learned from Aegis's DuoImporter and its test file.
 */
function isDuo(json: unknown): json is JsonObject[] {
  return Array.isArray(json) && json.length > 0 && json.every((a) => isObject(a) && isObject(a.otpGenerator));
}

export const duoImporter: Importer = {
  id: 'duo',
  detect: (input: ImportInput) => (isDuo(input.json) ? 'plain' : 'no'),
  async read(input: ImportInput): Promise<ImportResult> {
    const json = input.json;
    if (!isDuo(json)) throw new AppError('unknown_format', 'This is not a Duo Mobile accounts file.');
    const read = readEntries(
      json,
      (account) => {
        const generator = account.otpGenerator as JsonObject;
        if (typeof generator.otpSecret !== 'string') throw new InvalidEntry('secret_empty', 'it has no secret');
        const hotp = generator.counter !== undefined && generator.counter !== null;
        return draftFrom({ type: hotp ? 'hotp' : 'totp', issuer: '', name: str(account.name), secret: generator.otpSecret, counter: generator.counter });
      },
      (account, i) => entryPlace(i, '', account.name),
    );
    return { format: { id: 'duo' }, ...read };
  },
};
