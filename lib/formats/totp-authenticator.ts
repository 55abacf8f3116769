import { AppError } from '@/lib/errors';
import { prefString } from './android-prefs';
import { base64ToBytes, draftFrom, entryPlace, hexToBytes, InvalidEntry, isObject, readEntries, requirePassword, str, type JsonObject } from './common';
import { sha256 } from '@/lib/vault/crypto';
import type { Importer, ImportFormat, ImportInput, ImportResult } from './types';

/**
 * TOTP Authenticator (Android, com.authenticator.authservice2). Two files:
 * - its backup (`.bin`): base64 text of AES-256-CBC (zero IV, PKCS#7) under SHA-256 of the password; the plain
 *   text is a JSON object whose first key is the token list (as a JSON string);
 * - its internal preferences (`TOTP_Authenticator_Preferences.xml`), `STATIC_TOTP_CODES_LIST` holding that list.
 * Each token: `key` in base 16, 32 or 64 (`base`), `issuer`, `name`; the app only makes 6-digit, 30-s SHA-1 codes.
 * Learned from Aegis's TotpAuthenticatorImporter and its test files.
 */
const PREF_KEY = 'STATIC_TOTP_CODES_LIST';

function listOfText(text: string): JsonObject[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('damaged_backup', 'The TOTP Authenticator token list is not valid JSON.');
  }
  if (!Array.isArray(parsed)) throw new AppError('damaged_backup', 'The TOTP Authenticator token list is not a list.');
  return parsed.filter(isObject);
}

/** Base64 text only, of whole AES blocks: what the backup looks like before the password. */
function sealedBackup(input: ImportInput): Uint8Array | null {
  const text = input.text?.trim();
  if (!text || text.length < 24 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  try {
    const sealed = base64ToBytes(text, 'backup');
    return sealed.length >= 16 && sealed.length % 16 === 0 ? sealed : null;
  } catch {
    return null;
  }
}

function secretOf(token: JsonObject): Uint8Array | string {
  const key = str(token.key);
  switch (Number(token.base)) {
    case 16:
      if (!/^([0-9a-f]{2})+$/i.test(key)) throw new InvalidEntry('secret_not_hex', 'its secret is not hexadecimal');
      return hexToBytes(key, 'secret');
    case 32:
      return key;
    case 64:
      try {
        return base64ToBytes(key, 'secret');
      } catch {
        throw new InvalidEntry('secret_not_base64', 'its secret is not base64');
      }
    default:
      throw new InvalidEntry('secret_bad_base', `its secret is in base ${str(token.base).slice(0, 6) || '?'}, which the app does not write`, { base: str(token.base).slice(0, 6) || '?' });
  }
}

function readTokens(tokens: JsonObject[], format: ImportFormat): ImportResult {
  const read = readEntries(
    tokens,
    (token) => {
      const secret = secretOf(token);
      return draftFrom({ issuer: token.issuer, name: token.name, ...(typeof secret === 'string' ? { secret } : { secretBytes: secret }) });
    },
    (token, i) => entryPlace(i, token.issuer, token.name),
  );
  return { format, ...read };
}

export const totpAuthenticatorImporter: Importer = {
  id: 'totp-authenticator',
  detect(input: ImportInput) {
    const prefs = input.androidPrefs;
    if (prefs) return prefString(prefs, PREF_KEY) !== undefined ? 'plain' : 'no';
    return sealedBackup(input) ? 'encrypted' : 'no';
  },
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    const prefs = input.androidPrefs;
    const list = prefs && prefString(prefs, PREF_KEY);
    if (list !== undefined && list !== null) return readTokens(listOfText(list), { id: 'totp-authenticator-app-data' });
    const sealed = sealedBackup(input);
    if (!sealed) throw new AppError('unknown_format', 'This is not a TOTP Authenticator backup.');
    const key = await crypto.subtle.importKey('raw', new Uint8Array(await sha256(new TextEncoder().encode(requirePassword(password, 'TOTP Authenticator')))), 'AES-CBC', false, ['decrypt']);
    let plain: string;
    try {
      plain = new TextDecoder('utf-8', { fatal: true }).decode(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, key, new Uint8Array(sealed)));
    } catch {
      throw new AppError('wrong_passphrase', 'Wrong password for this TOTP Authenticator backup.');
    }
    let outer: unknown;
    try {
      outer = JSON.parse(plain);
    } catch {
      // No authentication in this format: a wrong password that leaves valid padding gives text that is not JSON.
      throw new AppError('wrong_passphrase', 'Wrong password for this TOTP Authenticator backup.');
    }
    const first = isObject(outer) ? Object.keys(outer)[0] : undefined;
    return readTokens(first === undefined ? [] : listOfText(first), { id: 'totp-authenticator', encrypted: true });
  },
};
