import { argon2d, argon2id } from 'hash-wasm';
import * as kdbxwebModule from 'kdbxweb';
import type { Kdbx, KdbxEntry, KdbxEntryField, KdbxGroup, KdbxHeader } from 'kdbxweb';
import { AppError } from '@/lib/errors';
import type { AccountDraft } from '@/lib/otp/account';
import { parseOtpauthUri } from '@/lib/otp/uri';
import { base64ToBytes, draftFrom, entryPlace, hexToBytes, InvalidEntry, readEntries } from './common';
import type { Importer, ImportInput, ImportResult } from './types';

/**
 * KeePass databases (KDBX 3.1 and 4), read with kdbxweb (Argon2 from hash-wasm, the rest WebCrypto). An entry's
 * one-time code is in one of:
 * - `otp`: an otpauth:// link (KeePassXC 2.6+, Strongbox, KeePassDX), or KeeOtp's `key=…&step=…&size=…`;
 * - `TOTP Seed` + `TOTP Settings` (`30;6`, or `30;S` for Steam): older KeePassXC and KeeTrayTOTP;
 * - `TimeOtp-Secret-Base32` (or -Secret, -Hex, -Base64) + `TimeOtp-Length/-Period/-Algorithm`, and
 *   `HmacOtp-Secret-*` + `HmacOtp-Counter`: KeePass 2.47+'s own fields.
 * Entries without one are passwords, not accounts, and are left out; so is the recycle bin.
 */
// kdbxweb is a UMD bundle: bundlers give its exports directly, Node's ESM loader (the CLI) under `default`.
const kdbxweb = (kdbxwebModule as unknown as { default?: typeof kdbxwebModule }).default ?? kdbxwebModule;

const SIGNATURE = [0x03, 0xd9, 0xa2, 0x9a];
const KDBX = [0x67, 0xfb, 0x4b, 0xb5];
const KDB1 = [0x65, 0xfb, 0x4b, 0xb5];

/** Costs beyond these are a hostile or damaged file, not a person's database (KeePassXC's maximum memory is 1 GiB). */
const MAX_ARGON2_KIB = 1024 * 1024;
const MAX_ARGON2_ITERATIONS = 1_000;
const MAX_AES_ROUNDS = 100_000_000;

function checkArgon2(memoryKiB: number, iterations: number, parallelism: number): void {
  if (memoryKiB > MAX_ARGON2_KIB || iterations > MAX_ARGON2_ITERATIONS || parallelism > 64) {
    throw new AppError('damaged_backup', `The KeePass database's Argon2 costs (${memoryKiB} KiB, ${iterations} iterations, ${parallelism} lanes) are beyond what KeePass sets: it is damaged.`);
  }
}

kdbxweb.CryptoEngine.setArgon2Impl(async (password, salt, memory, iterations, length, parallelism, type, version) => {
  if (version !== 0x13) throw new AppError('unsupported_format', 'This KeePass database uses Argon2 version 1.0, which we do not read: save it again with a current KeePass or KeePassXC.');
  checkArgon2(memory, iterations, parallelism);
  const hash = type === kdbxweb.CryptoEngine.Argon2TypeArgon2id ? argon2id : argon2d;
  const out = await hash({ password: new Uint8Array(password), salt: new Uint8Array(salt), memorySize: memory, iterations, parallelism, hashLength: length, outputType: 'binary' });
  return out.buffer as ArrayBuffer;
});

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) => bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

function isKeePass(bytes: Uint8Array): boolean {
  return startsWith(bytes, SIGNATURE) && (startsWith(bytes, KDBX, 4) || startsWith(bytes, KDB1, 4));
}

/** The cost of opening the database, checked before kdbxweb runs it (Argon2 is also checked in the hook). */
function checkCosts(buffer: ArrayBuffer): number {
  let header: KdbxHeader;
  try {
    header = kdbxweb.KdbxHeader.read(new kdbxweb.BinaryStream(buffer), new kdbxweb.KdbxContext({ kdbx: {} as Kdbx }));
  } catch (error) {
    throw kdbxError(error);
  }
  const numberOf = (value: unknown) => (value instanceof kdbxweb.Int64 ? value.value : typeof value === 'number' ? value : 0);
  const params = header.kdfParameters;
  const count = numberOf(header.versionMajor >= 4 ? params?.get('R') : header.keyEncryptionRounds);
  if (params?.get('M') !== undefined) checkArgon2(numberOf(params.get('M')) / 1024, numberOf(params.get('I')), numberOf(params.get('P')));
  if (count > MAX_AES_ROUNDS) throw new AppError('damaged_backup', `The KeePass database asks for ${count} AES key rounds, beyond what KeePass sets: it is damaged.`);
  return header.versionMajor;
}

function kdbxError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof kdbxweb.KdbxError) {
    if (error.code === kdbxweb.Consts.ErrorCodes.InvalidKey) {
      return new AppError('wrong_passphrase', 'Wrong password for this KeePass database (or it also needs a key file, which we do not read: remove the key file in KeePass first).');
    }
    if (error.code === kdbxweb.Consts.ErrorCodes.InvalidVersion || error.code === kdbxweb.Consts.ErrorCodes.Unsupported) {
      return new AppError('unsupported_format', `This KeePass database uses a version or cipher we do not read (${error.message.slice(0, 80)}).`);
    }
  }
  return new AppError('damaged_backup', 'The KeePass database is damaged: it cannot be read.');
}

function text(value: KdbxEntryField | undefined): string {
  if (value === undefined) return '';
  return (value instanceof kdbxweb.ProtectedValue ? value.getText() : value).trim();
}

const KEEPASS_ALGORITHMS: Record<string, string> = { 'HMAC-SHA-1': 'SHA1', 'HMAC-SHA-256': 'SHA256', 'HMAC-SHA-512': 'SHA512' };

/** KeePass 2.47+'s own `TimeOtp-…` / `HmacOtp-…` secret, in whichever encoding the entry keeps it. */
function keePassSecret(fields: Map<string, KdbxEntryField>, prefix: 'TimeOtp' | 'HmacOtp'): { secret?: string; secretBytes?: Uint8Array } | null {
  const base32 = text(fields.get(`${prefix}-Secret-Base32`));
  if (base32) return { secret: base32 };
  const utf8 = text(fields.get(`${prefix}-Secret`));
  if (utf8) return { secretBytes: new TextEncoder().encode(utf8) };
  const hex = text(fields.get(`${prefix}-Secret-Hex`));
  if (hex) return { secretBytes: hexToBytes(hex.replace(/\s/g, ''), 'secret') };
  const b64 = text(fields.get(`${prefix}-Secret-Base64`));
  if (b64) return { secretBytes: base64ToBytes(b64, 'secret') };
  return null;
}

/** The entry's account, or null when the entry has no one-time code (a plain password). */
function accountOf(entry: KdbxEntry): AccountDraft | null {
  const fields = entry.fields;
  const title = text(fields.get('Title'));
  const user = text(fields.get('UserName'));
  const otp = text(fields.get('otp'));
  if (otp) {
    if (/^(otpauth|steam):\/\//i.test(otp)) {
      const draft = parseOtpauthUri(otp);
      // KeePassXC writes the entry's title as issuer; a link without one keeps the entry's names.
      return { ...draft, issuer: draft.issuer || title, name: draft.name || user };
    }
    // KeeOtp: key=BASE32&step=30&size=6&type=Totp&otpHashMode=Sha256&counter=…
    const params = new URLSearchParams(otp);
    if (!params.get('key')) throw new InvalidEntry('entry_bad_otp_field', 'its “otp” field is neither an otpauth:// link nor KeeOtp settings');
    const hotp = params.get('type')?.toLowerCase() === 'hotp';
    return draftFrom({ type: hotp ? 'hotp' : 'totp', issuer: title, name: user, secret: params.get('key'), digits: params.get('size') ?? undefined, period: params.get('step') ?? undefined, algorithm: params.get('otpHashMode') ?? undefined, counter: params.get('counter') ?? undefined });
  }
  const seed = text(fields.get('TOTP Seed'));
  if (seed) {
    const [period, digits] = (text(fields.get('TOTP Settings')) || '30;6').split(';');
    if (digits?.toUpperCase() === 'S') return draftFrom({ type: 'steam', issuer: title || 'Steam', name: user, secret: seed });
    return draftFrom({ type: 'totp', issuer: title, name: user, secret: seed, period, digits });
  }
  const time = keePassSecret(fields, 'TimeOtp');
  if (time) {
    const algorithm = KEEPASS_ALGORITHMS[text(fields.get('TimeOtp-Algorithm')) || 'HMAC-SHA-1'] ?? text(fields.get('TimeOtp-Algorithm'));
    return draftFrom({ type: 'totp', issuer: title, name: user, ...time, digits: text(fields.get('TimeOtp-Length')) || undefined, period: text(fields.get('TimeOtp-Period')) || undefined, algorithm });
  }
  const hmac = keePassSecret(fields, 'HmacOtp');
  if (hmac) return draftFrom({ type: 'hotp', issuer: title, name: user, ...hmac, counter: text(fields.get('HmacOtp-Counter')) || undefined });
  return null;
}

/** An entry without a one-time code: not an account, so not reported as skipped. */
const NO_CODE = 'entry_without_code';

function entriesOf(db: Kdbx): KdbxEntry[] {
  const recycleBin = db.meta.recycleBinEnabled ? db.meta.recycleBinUuid : undefined;
  const entries: KdbxEntry[] = [];
  const visit = (group: KdbxGroup) => {
    if (recycleBin && group.uuid.equals(recycleBin)) return;
    entries.push(...group.entries);
    group.groups.forEach(visit);
  };
  db.groups.forEach(visit);
  return entries;
}

export const keepassImporter: Importer = {
  id: 'keepass',
  detect: (input: ImportInput) => (isKeePass(input.bytes) ? 'encrypted' : 'no'),
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    const { bytes } = input;
    if (!isKeePass(bytes)) throw new AppError('unknown_format', 'This is not a KeePass database.');
    if (startsWith(bytes, KDB1, 4)) throw new AppError('unsupported_format', 'This is a KeePass 1 database (.kdb): open it in KeePass 2 or KeePassXC and save it as .kdbx, then import that.');
    if (!password) throw new AppError('password_required', 'This KeePass database is encrypted: enter its master password.');
    const buffer = bytes.slice().buffer as ArrayBuffer;
    const version = checkCosts(buffer);
    let db: Kdbx;
    try {
      db = await kdbxweb.Kdbx.load(buffer, new kdbxweb.KdbxCredentials(kdbxweb.ProtectedValue.fromString(password)));
    } catch (error) {
      throw kdbxError(error);
    }
    const read = readEntries(
      entriesOf(db),
      (entry) => {
        const account = accountOf(entry);
        if (!account) throw new InvalidEntry(NO_CODE, 'no one-time code');
        return account;
      },
      (entry, i) => entryPlace(i, text(entry.fields.get('Title')), text(entry.fields.get('UserName'))),
    );
    return { format: { id: 'keepass', version: version === 4 ? '4' : '3.1' }, accounts: read.accounts, skipped: read.skipped.filter((s) => s.error.code !== NO_CODE) };
  },
};
