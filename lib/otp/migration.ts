import { AppError, serializeError, type SerializedError } from '@/lib/errors';
import type { AccountDraft, HashAlgorithm } from './account';
import { base32ToBytes } from './base32';
import { InvalidAccountField, validateDraft } from './validate';
import { fromBase64, toBase64 } from '@/lib/vault/bytes';

/**
 * Google Authenticator's export link `otpauth-migration://offline?data=…`: URL-encoded base64 of a
 * protobuf MigrationPayload (see FORMATS.md). Decoded by hand: the schema is small and fixed.
 */
export interface MigrationBatch {
  id: number;
  index: number;
  size: number;
}

/** An account of the export that cannot be added: its place (from 1), its names, and why as a code. */
export interface MigrationSkip {
  position: number;
  issuer?: string;
  name?: string;
  error: SerializedError;
}

export interface MigrationResult {
  accounts: AccountDraft[];
  skipped: MigrationSkip[];
  batch: MigrationBatch;
}

function bad(message: string): never {
  throw new AppError('bad_otpauth_uri', `This Google Authenticator export is damaged: ${message}.`);
}

class Reader {
  offset = 0;
  constructor(readonly bytes: Uint8Array) {}
  get done() {
    return this.offset >= this.bytes.length;
  }
  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.offset >= this.bytes.length) bad('a number is cut off');
      const byte = this.bytes[this.offset++] ?? 0;
      result |= BigInt(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return result;
    }
    return bad('a number is too long');
  }
  bytesField(): Uint8Array {
    const length = Number(this.varint());
    if (length > this.bytes.length - this.offset) bad('a field is longer than the data');
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }
  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 2) this.bytesField();
    else if (wireType === 1) this.advance(8);
    else if (wireType === 5) this.advance(4);
    else bad(`unknown field type ${wireType}`);
  }
  private advance(n: number) {
    if (this.offset + n > this.bytes.length) bad('a field is cut off');
    this.offset += n;
  }
}

/** int32 fields are sent as 64-bit two's complement when negative (10-byte varints). */
const int32 = (value: bigint) => Number(BigInt.asIntN(32, value));

const ALGORITHMS: Record<number, HashAlgorithm | 'MD5'> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512', 4: 'MD5' };
const DIGITS: Record<number, number> = { 0: 6, 1: 6, 2: 8 };

interface RawOtp {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  counter: bigint;
}

function readOtp(bytes: Uint8Array): RawOtp {
  const reader = new Reader(bytes);
  const otp: RawOtp = { secret: new Uint8Array(), name: '', issuer: '', algorithm: 0, digits: 0, type: 0, counter: 0n };
  const text = new TextDecoder();
  while (!reader.done) {
    const key = Number(reader.varint());
    const field = key >>> 3;
    const wire = key & 7;
    if (field === 1 && wire === 2) otp.secret = reader.bytesField();
    else if (field === 2 && wire === 2) otp.name = text.decode(reader.bytesField());
    else if (field === 3 && wire === 2) otp.issuer = text.decode(reader.bytesField());
    else if (field === 4 && wire === 0) otp.algorithm = int32(reader.varint());
    else if (field === 5 && wire === 0) otp.digits = int32(reader.varint());
    else if (field === 6 && wire === 0) otp.type = int32(reader.varint());
    else if (field === 7 && wire === 0) otp.counter = reader.varint();
    else reader.skip(wire);
  }
  return otp;
}

function toDraft(otp: RawOtp): AccountDraft {
  const algorithm = ALGORITHMS[otp.algorithm];
  if (!algorithm) throw new AppError('bad_algorithm', `unknown algorithm ${otp.algorithm}`, { algorithm: String(otp.algorithm) });
  if (algorithm === 'MD5') throw new AppError('bad_algorithm', 'MD5 accounts are not supported', { algorithm: 'MD5' });
  const digits = DIGITS[otp.digits];
  if (!digits) throw new AppError('bad_digits', `unknown digits value ${otp.digits}`, { digits: String(otp.digits) });
  if (otp.type !== 0 && otp.type !== 1 && otp.type !== 2) throw new AppError('uri_unknown_type', `unknown OTP type ${otp.type}`, { type: String(otp.type) });
  if (otp.secret.length === 0) throw new AppError('secret_empty', 'it has no secret');
  let { issuer, name } = otp;
  const colon = name.indexOf(':');
  if (colon >= 0) {
    const prefix = name.slice(0, colon).trim();
    if (!issuer) issuer = prefix;
    if (!issuer || prefix === issuer) name = name.slice(colon + 1).trim();
  }
  const type = otp.type === 1 ? 'hotp' : 'totp';
  const counter = Number(BigInt.asUintN(53, otp.counter));
  return validateDraft({ type, secretBytes: otp.secret, algorithm, digits, issuer, name, counter });
}

/** The base64 payload of a link; a raw `+` that URL decoding turned into a space is put back. */
function payloadOf(link: string): Uint8Array {
  const match = /^otpauth-migration:\/\/offline\/?\?(.*)$/is.exec(link.trim());
  if (!match) bad('it is not an otpauth-migration://offline link');
  const raw = (match[1] ?? '').split('&').find((pair) => pair.startsWith('data='))?.slice(5);
  if (!raw) bad('the link has no data');
  let base64: string;
  try {
    base64 = decodeURIComponent(raw.replace(/\+/g, '%2B')).replace(/ /g, '+');
  } catch {
    return bad('the data is not properly URL-encoded');
  }
  const clean = base64.replace(/-/g, '+').replace(/_/g, '/').replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) bad('the data is not base64');
  try {
    return fromBase64(clean);
  } catch {
    return bad('the data is not base64');
  }
}

export function decodeMigrationLink(link: string): MigrationResult {
  const reader = new Reader(payloadOf(link));
  const raw: RawOtp[] = [];
  const batch: MigrationBatch = { id: 0, index: 0, size: 1 };
  while (!reader.done) {
    const key = Number(reader.varint());
    const field = key >>> 3;
    const wire = key & 7;
    if (field === 1 && wire === 2) raw.push(readOtp(reader.bytesField()));
    else if (field === 3 && wire === 0) batch.size = int32(reader.varint());
    else if (field === 4 && wire === 0) batch.index = int32(reader.varint());
    else if (field === 5 && wire === 0) batch.id = int32(reader.varint());
    else reader.skip(wire);
  }
  const accounts: AccountDraft[] = [];
  const skipped: MigrationResult['skipped'] = [];
  raw.forEach((otp, i) => {
    try {
      accounts.push(toDraft(otp));
    } catch (error) {
      skipped.push({ position: i + 1, issuer: otp.issuer.slice(0, 60) || undefined, name: otp.name.slice(0, 60) || undefined, error: skipError(error) });
    }
  });
  return { accounts, skipped, batch };
}

/** Why an account of the export was skipped, as {code, params} (a refused field names its own code). */
function skipError(error: unknown): SerializedError {
  return error instanceof InvalidAccountField ? error.serialize() : serializeError(error);
}

// Encoder: for tests and for moving accounts to a phone.
function varint(value: bigint): number[] {
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
  return out;
}

function field(number: number, wire: number, body: number[] | Uint8Array): number[] {
  return wire === 2 ? [...varint(BigInt((number << 3) | 2)), ...varint(BigInt(body.length)), ...body] : [...varint(BigInt((number << 3) | wire)), ...body];
}

const ALGORITHM_CODES: Record<HashAlgorithm, number> = { SHA1: 1, SHA256: 2, SHA512: 3 };

/** Why Google Authenticator cannot hold this account (the export has no period, no Steam, only 6 or 8 digits), or null. */
export function migrationLimitOf(account: AccountDraft): string | null {
  if (account.type === 'steam') return 'Google Authenticator has no Steam accounts';
  if (account.digits !== 6 && account.digits !== 8) return `Google Authenticator holds only 6 or 8 digits, not ${account.digits}`;
  if (account.type === 'totp' && account.period !== 30) return `Google Authenticator holds only a 30-second period, not ${account.period} s`;
  return null;
}

/**
 * A Google Authenticator export link (`otpauth-migration://offline?data=…`) for one batch of accounts.
 * Throws AppError 'invalid_entry' naming the first account it cannot hold (see migrationLimitOf).
 */
export function encodeMigrationLink(accounts: readonly AccountDraft[], batch: MigrationBatch = { id: 1, index: 0, size: 1 }): string {
  const text = new TextEncoder();
  const bytes: number[] = [];
  for (const account of accounts) {
    const limit = migrationLimitOf(account);
    if (limit) throw new AppError('invalid_entry', `“${[account.issuer, account.name].filter(Boolean).join(': ')}” cannot be exported to Google Authenticator: ${limit}.`);
    const otp = [
      ...field(1, 2, base32ToBytes(account.secret)),
      ...field(2, 2, text.encode(account.name)),
      ...field(3, 2, text.encode(account.issuer)),
      ...field(4, 0, varint(BigInt(ALGORITHM_CODES[account.algorithm]))),
      ...field(5, 0, varint(account.digits === 8 ? 2n : 1n)),
      ...field(6, 0, varint(account.type === 'hotp' ? 1n : 2n)),
      ...(account.type === 'hotp' ? field(7, 0, varint(BigInt(account.counter))) : []),
    ];
    bytes.push(...field(1, 2, otp));
  }
  bytes.push(...field(2, 0, varint(1n)), ...field(3, 0, varint(BigInt(batch.size))), ...field(4, 0, varint(BigInt(batch.index))), ...field(5, 0, varint(BigInt(batch.id))));
  return `otpauth-migration://offline?data=${encodeURIComponent(toBase64(Uint8Array.from(bytes)))}`;
}
