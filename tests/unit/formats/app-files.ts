import { createCipheriv, createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import type { AccountDraft } from '@/lib/otp/account';
import { base32ToBytes } from '@/lib/otp/base32';
import { REFERENCE } from './helpers';

/**
 * Files of apps whose data people carry over, written with node:crypto from each format's definition (as
 * Aegis's importers read them: beemdevelopment/Aegis, app/src/main/java/…/importers/*Importer.java), for the
 * reference accounts (tests/fixtures/import/plain.txt), independently of our readers.
 */
export const encode = (text: string) => new TextEncoder().encode(text);
const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
export const prefsXml = (entries: string[]) => `<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n${entries.map((e) => `    ${e}`).join('\n')}\n</map>\n`;
export const stringPref = (name: string, value: string) => `<string name="${xmlEscape(name)}">${xmlEscape(value)}</string>`;
const signed = (bytes: Uint8Array) => Array.from(bytes, (b) => (b > 127 ? b - 256 : b));

export const TOTP_SHA1_6_30 = REFERENCE.filter((a) => a.type === 'totp' && a.algorithm === 'SHA1' && a.digits === 6 && a.period === 30);
/** What Authy holds of the reference accounts: TOTP, SHA-1, 30 s. */
export const AUTHY_ACCOUNTS = REFERENCE.filter((a) => a.type === 'totp' && a.algorithm === 'SHA1' && a.period === 30);

export function aesCbc(key: Buffer, iv: Buffer, plain: Buffer | string): Buffer {
  const cipher = createCipheriv(`aes-${key.length * 8}-cbc`, key, iv);
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}

function authyToken(a: AccountDraft, secret: Record<string, string>) {
  return { accountType: 'authenticator', digits: a.digits, ...secret, logo: a.issuer, originalIssuer: a.issuer, originalName: `${a.issuer}:${a.name}`, timestamp: 1_608_374_963, hidden: false, id: '1', isNew: false, name: `${a.issuer}: ${a.name}` };
}

/** Authy's token preferences; with a password, secrets sealed as Authy's backups do (PBKDF2-SHA1 ×1,000, AES-CBC, zero IV). */
export function authyFile(password?: string): Uint8Array {
  const tokens = AUTHY_ACCOUNTS.map((a) => {
    if (!password) return authyToken(a, { decryptedSecret: a.secret });
    const salt = randomBytes(24).toString('base64');
    const key = pbkdf2Sync(password, Buffer.from(salt, 'utf8'), 1000, 32, 'sha1');
    return authyToken(a, { encryptedSecret: aesCbc(key, Buffer.alloc(16), a.secret).toString('base64'), salt });
  });
  return encode(prefsXml(['<int name="key_version" value="121" />', stringPref('com.authy.storage.tokens.authenticator.key', JSON.stringify(tokens))]));
}

const BATTLE_NET_MASK = Buffer.from('398e27fc50276a656065b0e525f4c06c04c61075286b8e7aeda59da9813b5dd6c80d2fb38068773fa59ba47c17ca6c6479015c1d5b8b8f6b9a', 'hex');
const masked = (text: string) => Buffer.from(Array.from(Buffer.from(text, 'latin1'), (b, i) => b ^ (BATTLE_NET_MASK[i] ?? 0))).toString('hex');

export function battleNetFile(secret: Buffer, serial: string): Uint8Array {
  return encode(prefsXml(['<string name="com.blizzard.messenger.AUTHENTICATOR_CREDENTIALS_ENCRYPTION_TYPE">MASK</string>', stringPref('com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET', masked(secret.toString('hex'))), stringPref('com.blizzard.messenger.AUTHENTICATOR_SERIAL', masked(serial))]));
}

export const STEAM = REFERENCE.find((a) => a.type === 'steam') ?? REFERENCE[0]!;
export const STEAM_ACCOUNT = { steamid: '1234', shared_secret: Buffer.from(base32ToBytes(STEAM.secret)).toString('base64'), serial_number: '1', revocation_code: 'R1234', account_name: 'Sophia', identity_secret: 'eA==', status: 1 };

export const DUO_TOTP = REFERENCE.find((a) => a.type === 'totp' && a.algorithm === 'SHA1' && a.digits === 6)!;
export const DUO_HOTP = REFERENCE.find((a) => a.type === 'hotp' && a.algorithm === 'SHA1' && a.digits === 6)!;
export function duoFile(): Uint8Array {
  return encode(
    JSON.stringify([
      { version: 1, accountType: 'OtpAccount', name: DUO_TOTP.name, otpGenerator: { otpSecret: DUO_TOTP.secret }, pkey: 'a' },
      { version: 1, accountType: 'OtpAccount', name: DUO_HOTP.name, otpGenerator: { otpSecret: DUO_HOTP.secret, counter: 3 }, pkey: 'b' },
    ]),
  );
}

/** TOTP Authenticator's token list; the app writes a key in base 16, 32 or 64: all three are used. */
export const TOTP_AUTHENTICATOR_TOKENS = TOTP_SHA1_6_30.map((a, i) => {
  const bytes = Buffer.from(base32ToBytes(a.secret));
  const [base, key] = ([[16, bytes.toString('hex').toUpperCase()], [32, a.secret], [64, bytes.toString('base64')]] as const)[i % 3]!;
  return { accountHeaderLabel: '', base, digits: '6', issuer: a.issuer, key, name: a.name, isFavorite: false };
});
export function totpAuthenticatorBackup(password: string): Uint8Array {
  const outer = JSON.stringify({ [JSON.stringify(TOTP_AUTHENTICATOR_TOKENS)]: '2024-01-01' });
  return encode(aesCbc(createHash('sha256').update(password).digest(), Buffer.alloc(16), outer).toString('base64'));
}
export function totpAuthenticatorPrefs(): Uint8Array {
  return encode(prefsXml(['<int name="RATE_US_COUNTER" value="13" />', stringPref('STATIC_TOTP_CODES_LIST', JSON.stringify(TOTP_AUTHENTICATOR_TOKENS))]));
}

const STRATUM_TYPES = { hotp: 1, totp: 2, steam: 4 } as const;
export const STRATUM_JSON = JSON.stringify({
  Authenticators: REFERENCE.map((a) => ({ Type: STRATUM_TYPES[a.type], Icon: null, Issuer: a.issuer, Username: a.name, Secret: a.secret, Pin: null, Algorithm: ['SHA1', 'SHA256', 'SHA512'].indexOf(a.algorithm), Digits: a.digits, Period: a.period, Counter: a.counter, Ranking: 0 })),
  Categories: [],
});
export async function stratumEncrypted(password: string): Promise<Uint8Array> {
  const [salt, iv] = [randomBytes(16), randomBytes(12)];
  const key = await argon2id({ password, salt, iterations: 3, memorySize: 65_536, parallelism: 4, hashLength: 32, outputType: 'binary' });
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(STRATUM_JSON), cipher.final(), cipher.getAuthTag()]);
  return new Uint8Array(Buffer.concat([Buffer.from('AUTHENTICATORPRO'), salt, iv, sealed]));
}
export function stratumLegacy(password: string): Uint8Array {
  const [salt, iv] = [randomBytes(20), randomBytes(16)];
  return new Uint8Array(Buffer.concat([Buffer.from('AuthenticatorPro'), salt, iv, aesCbc(pbkdf2Sync(password, salt, 64_000, 32, 'sha1'), iv, STRATUM_JSON)]));
}

/** FreeOTP's tokens preferences, listed in reverse by `tokenOrder`; counters are the last one used. */
export const FREEOTP_ACCOUNTS = REFERENCE.filter((a) => a.type !== 'steam');
export function freeOtpPrefs(): Uint8Array {
  const entries = FREEOTP_ACCOUNTS.map((a) =>
    stringPref(`${a.issuer}:${a.name}`, JSON.stringify({ algo: a.algorithm, counter: a.type === 'hotp' ? a.counter - 1 : 0, digits: a.digits, issuerExt: a.issuer, issuerInt: a.issuer, label: a.name, period: a.period, secret: signed(base32ToBytes(a.secret)), type: a.type.toUpperCase() })),
  );
  const order = [...FREEOTP_ACCOUNTS].reverse().map((a) => `${a.issuer}:${a.name}`);
  return encode(prefsXml([...entries, stringPref('tokenOrder', JSON.stringify(order))]));
}
