import { AppError } from '@/lib/errors';
import { prefString } from './android-prefs';
import { base64ToBytes, draftFrom, hexToBytes, entryPlace, InvalidEntry, isObject, readEntries, requirePassword, str, type JsonObject } from './common';
import { pbkdf2 } from '@/lib/vault/crypto';
import { concatBytes } from '@/lib/vault/bytes';
import type { Importer, ImportInput, ImportResult } from './types';

/**
 * Authy (Android): `shared_prefs/com.authy.storage.tokens.authenticator.xml` (and `…tokens.authy.xml` for
 * Authy's own accounts) holds one preference, `<file>.key`, a JSON list of tokens. Secrets are either plain
 * (`decryptedSecret`, base32) or, once backups are on, sealed with the backup password: PBKDF2-HMAC-SHA1
 * (password, UTF-8 of the token's `salt`, 1,000 iterations, 256 bits), AES-256-CBC with a zero IV, giving the
 * base32 text. Authy's own tokens (`secretSeed`, hex) make 7-digit codes every 10 s.
 * Learned from Aegis's AuthyImporter and its test files (authy_plain.xml, authy_encrypted.xml).
 */
const KEYS = ['com.authy.storage.tokens.authenticator.key', 'com.authy.storage.tokens.authy.key'];
const ITERATIONS = 1000;

function tokensOf(input: ImportInput): JsonObject[] | null {
  const prefs = input.androidPrefs;
  if (!prefs) return null;
  const lists = KEYS.map((key) => prefString(prefs, key)).filter((value): value is string => value !== undefined);
  if (lists.length === 0) return null;
  const tokens: JsonObject[] = [];
  for (const list of lists) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(list);
    } catch {
      throw new AppError('damaged_backup', 'The Authy file’s token list is not valid JSON.');
    }
    if (!Array.isArray(parsed)) throw new AppError('damaged_backup', 'The Authy file’s token list is not a list.');
    tokens.push(...parsed.filter(isObject));
  }
  return tokens;
}

const isSealed = (token: JsonObject) => !('decryptedSecret' in token) && !('secretSeed' in token);

/** Issuer and account as Authy showed them: `originalIssuer`, else `Issuer:` or `Issuer - ` in the name. */
function namesOf(token: JsonObject): { issuer: string; name: string } {
  let name = str(token.name);
  if ('secretSeed' in token) return { issuer: name, name: '' };
  const originalIssuer = str(token.originalIssuer);
  const originalName = str(token.originalName);
  let issuer: string;
  let separator = '';
  if (originalIssuer) issuer = originalIssuer;
  else if (originalName.includes(':')) {
    issuer = originalName.slice(0, originalName.indexOf(':'));
    separator = ':';
  } else if (name.includes(' - ')) {
    issuer = name.slice(0, name.indexOf(' - '));
    separator = ' - ';
  } else {
    const type = str(token.accountType);
    issuer = type.charAt(0).toUpperCase() + type.slice(1);
  }
  name = name.replace(issuer + separator, '');
  if (name.startsWith(': ')) name = name.slice(2);
  return { issuer, name: name.trim() };
}

async function openSecret(token: JsonObject, password: string): Promise<string> {
  const sealed = base64ToBytes(token.encryptedSecret, 'encrypted secret');
  const salt = new TextEncoder().encode(str(token.salt));
  if (sealed.length === 0 || sealed.length % 16 !== 0) throw new AppError('damaged_backup', 'An Authy token’s encrypted secret has the wrong length.');
  const key = await crypto.subtle.importKey('raw', concatBytes(await pbkdf2(password, salt, ITERATIONS, 'SHA-1')), 'AES-CBC', false, ['decrypt']);
  let plain: Uint8Array;
  try {
    plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, key, sealed));
  } catch {
    throw new AppError('wrong_passphrase', 'Wrong backup password for this Authy file.');
  }
  const text = new TextDecoder().decode(plain).trim();
  // CBC has no authentication: a wrong key that happens to leave valid padding gives bytes that are not base32.
  if (!/^[A-Z2-7=\s]+$/i.test(text)) throw new AppError('wrong_passphrase', 'Wrong backup password for this Authy file.');
  return text;
}

export const authyImporter: Importer = {
  id: 'authy',
  detect(input: ImportInput) {
    try {
      const tokens = tokensOf(input);
      if (!tokens) return 'no';
      return tokens.some(isSealed) ? 'encrypted' : 'plain';
    } catch {
      return 'plain'; // ours, but damaged: read() says how
    }
  },
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    const tokens = tokensOf(input);
    if (!tokens) throw new AppError('unknown_format', 'This is not an Authy token file.');
    const encrypted = tokens.some(isSealed);
    const secret = encrypted ? requirePassword(password, 'Authy') : '';
    // Every sealed secret is opened before any entry is read, so a wrong password fails the whole file.
    const opened = await Promise.all(tokens.map(async (token) => (isSealed(token) && token.encryptedSecret !== undefined ? { ...token, decryptedSecret: await openSecret(token, secret) } : token)));
    const { accounts, skipped } = readEntries(
      opened,
      (token) => {
        const { issuer, name } = namesOf(token);
        if ('secretSeed' in token) {
          if (typeof token.secretSeed !== 'string' || !/^([0-9a-f]{2})+$/i.test(token.secretSeed)) throw new InvalidEntry('secret_not_hex', 'its secret is not hexadecimal');
          return draftFrom({ issuer, name, secretBytes: hexToBytes(token.secretSeed, 'Authy secret'), digits: token.digits, period: 10 });
        }
        if (typeof token.decryptedSecret !== 'string') throw new InvalidEntry('secret_empty', 'it has no secret');
        return draftFrom({ issuer, name, secret: token.decryptedSecret, digits: token.digits, period: 30 });
      },
      (token, i) => entryPlace(i, str(token.originalIssuer) || str(token.name)),
    );
    return { format: { id: 'authy', encrypted }, accounts, skipped };
  },
};
