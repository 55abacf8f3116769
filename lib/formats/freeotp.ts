import { AppError } from '@/lib/errors';
import { draftFrom, entryLabel, InvalidEntry, isObject, jsonOf, readEntries, str, type JsonObject } from './common';
import type { Importer, ImportInput } from './types';

function isFreeOtp(json: unknown): json is JsonObject & { tokens: unknown[] } {
  return isObject(json) && Array.isArray(json.tokens) && ('tokenOrder' in json || json.tokens.every((t) => isObject(t) && Array.isArray(t.secret)));
}

/** FreeOTP+ JSON: secrets are signed byte arrays; the HOTP counter is the last one used. */
export const freeotpImporter: Importer = {
  id: 'freeotp',
  detect: (input: ImportInput) => (isFreeOtp(jsonOf(input.bytes)) ? 'plain' : 'no'),
  async read(input: ImportInput) {
    const json = jsonOf(input.bytes);
    if (!isFreeOtp(json)) throw new AppError('unknown_format', 'This is not a FreeOTP+ backup.');
    const { accounts, skipped } = readEntries(
      json.tokens,
      (token) => {
        if (!isObject(token) || !Array.isArray(token.secret)) throw new InvalidEntry('it has no secret');
        const secret = token.secret;
        if (!secret.every((b) => Number.isInteger(b) && (b as number) >= -128 && (b as number) <= 255)) throw new InvalidEntry('the secret is not a list of bytes');
        const type = str(token.type).toUpperCase();
        const counter = typeof token.counter === 'number' ? token.counter + 1 : token.counter;
        return draftFrom({
          type: type === 'HOTP' ? 'hotp' : 'totp',
          issuer: str(token.issuerExt) || str(token.issuerInt),
          name: token.label,
          secretBytes: Uint8Array.from(secret as number[], (b) => b & 0xff),
          algorithm: token.algo,
          digits: token.digits,
          period: token.period,
          counter,
        });
      },
      (token, i) => (isObject(token) ? entryLabel(i, token.issuerExt, token.label) : `entry ${i + 1}`),
    );
    return { format: 'FreeOTP+ backup', accounts, skipped };
  },
};
