import { AppError } from '@/lib/errors';
import { draftFrom, entryPlace, InvalidEntry, isObject, readEntries, str, type JsonObject } from './common';
import type { Importer, ImportFormat, ImportInput, ImportResult } from './types';

function isFreeOtp(json: unknown): json is JsonObject & { tokens: unknown[] } {
  return isObject(json) && Array.isArray(json.tokens) && ('tokenOrder' in json || (json.tokens.length > 0 && json.tokens.every((t) => isObject(t) && Array.isArray(t.secret))));
}

/** FreeOTP's id of a token in `tokenOrder`: `issuer:label`, or the label alone. */
function tokenId(token: unknown): string {
  if (!isObject(token)) return '';
  const issuer = str(token.issuerInt) || str(token.issuerExt);
  return issuer ? `${issuer}:${str(token.label)}` : str(token.label);
}

/** Tokens in the order the person arranged them (`tokenOrder`); tokens it does not list keep their place after. */
function ordered(tokens: unknown[], order: unknown): unknown[] {
  if (!Array.isArray(order)) return tokens;
  const rank = new Map(order.map((id, i) => [str(id), i]));
  return tokens
    .map((token, i) => ({ token, key: rank.get(tokenId(token)) ?? order.length + i }))
    .sort((a, b) => a.key - b.key)
    .map(({ token }) => token);
}

/** Tokens of FreeOTP's own preferences file (FreeOTP 1, FreeOTP+ internal): one JSON value per token, plus `tokenOrder`. */
function tokensOfPrefs(input: ImportInput): { tokens: unknown[]; tokenOrder: unknown } | null {
  const prefs = input.androidPrefs;
  if (!prefs) return null;
  const tokens: unknown[] = [];
  let tokenOrder: unknown;
  for (const [name, value] of prefs) {
    if (typeof value !== 'string') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      continue;
    }
    if (name === 'tokenOrder') tokenOrder = parsed;
    else if (isObject(parsed) && Array.isArray(parsed.secret)) tokens.push(parsed);
  }
  return tokens.length > 0 ? { tokens, tokenOrder } : null;
}

/** `counterIsLastUsed`: FreeOTP 1 and FreeOTP+ keep the counter of the last code shown; FreeOTP 2 keeps the next one. */
export function readTokens(tokens: unknown[], order: unknown, format: ImportFormat, counterIsLastUsed = true): ImportResult {
  const { accounts, skipped } = readEntries(
    ordered(tokens, order),
    (token) => {
      if (!isObject(token) || !Array.isArray(token.secret)) throw new InvalidEntry('secret_empty', 'it has no secret');
      const secret = token.secret;
      if (!secret.every((b) => Number.isInteger(b) && (b as number) >= -128 && (b as number) <= 255)) throw new InvalidEntry('secret_not_bytes', 'the secret is not a list of bytes');
      const type = str(token.type).toUpperCase();
      if (type !== '' && type !== 'TOTP' && type !== 'HOTP') throw new InvalidEntry('uri_unsupported_type', `${type.slice(0, 20)} tokens are not supported (only TOTP and HOTP)`, { type: type.slice(0, 20) });
      // FreeOTP stores the counter of the last code shown; we store the next one to use.
      const counter = typeof token.counter === 'number' && counterIsLastUsed ? token.counter + 1 : token.counter;
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
    (token, i) => (isObject(token) ? entryPlace(i, str(token.issuerExt) || str(token.issuerInt), token.label) : entryPlace(i)),
  );
  return { format, accounts, skipped };
}

/**
 * FreeOTP+ JSON export, and FreeOTP's preferences file (`tokens.xml` of FreeOTP 1 and FreeOTP+'s internal data):
 * secrets are signed byte arrays; the HOTP counter is the last one used.
 */
export const freeotpImporter: Importer = {
  id: 'freeotp',
  detect: (input: ImportInput) => (isFreeOtp(input.json) || tokensOfPrefs(input) ? 'plain' : 'no'),
  async read(input: ImportInput) {
    const json = input.json;
    if (isFreeOtp(json)) return readTokens(json.tokens, json.tokenOrder, { id: 'freeotp-plus' });
    const prefs = tokensOfPrefs(input);
    if (prefs) return readTokens(prefs.tokens, prefs.tokenOrder, { id: 'freeotp-tokens' });
    throw new AppError('unknown_format', 'This is not a FreeOTP or FreeOTP+ backup.');
  },
};
