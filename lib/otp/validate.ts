import { AppError, appError, type AppErrorCode, type MessageParam, type SerializedError } from '@/lib/errors';
import { makeDraft, type AccountDraft, type HashAlgorithm, type OtpType } from './account';
import { bytesToBase32, normalizeBase32 } from './base32';
import { checkAccountFields } from './limits';

/**
 * The one validator of an account: every way an account comes in (an otpauth:// or steam:// link from a
 * page, the popup or a QR code; the popup's form; every importer; a Google export link) turns its raw
 * fields into a draft here. A field it refuses throws InvalidAccountField naming the field, which each way
 * in reports with its own error code; a field over a size cap throws the AppError of checkAccountFields.
 */
export interface RawAccountFields {
  type?: unknown;
  issuer?: unknown;
  name?: unknown;
  /** Base32 text (any case, spaces, dashes and padding allowed)… */
  secret?: unknown;
  /** …or the raw secret bytes (FreeOTP, Google export). */
  secretBytes?: Uint8Array;
  algorithm?: unknown;
  digits?: unknown;
  period?: unknown;
  counter?: unknown;
  notes?: unknown;
  pinned?: unknown;
}

export type AccountField = Exclude<keyof RawAccountFields, 'secretBytes'>;

/**
 * A field that cannot make an account; `message` is a lower-case English reason (“digits must be …”) for
 * logs and import previews, `code` and `params` what the person reads (lib/errors.ts).
 */
export class InvalidAccountField extends Error {
  constructor(
    readonly field: AccountField,
    message: string,
    readonly code: AppErrorCode = 'bad_account',
    readonly params: Readonly<Record<string, MessageParam>> = {},
  ) {
    super(message);
    this.name = 'InvalidAccountField';
  }

  /** What crosses the messaging boundary for it (an import's skipped entry): the code and params, never the English. */
  serialize(): SerializedError {
    return Object.keys(this.params).length ? { code: this.code, params: { ...this.params } } : { code: this.code };
  }
}

/** Text of a string or number field, else ''. */
export function textOfField(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** A short description of a value for a message; never serialises it (it may be nested 10,000 deep). */
function preview(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  return JSON.stringify(value).slice(0, 30);
}

const ALGORITHMS: Record<string, HashAlgorithm> = { SHA1: 'SHA1', SHA256: 'SHA256', SHA512: 'SHA512', HMACSHA1: 'SHA1', HMACSHA256: 'SHA256', HMACSHA512: 'SHA512' };

/** SHA1 when absent; names such as `sha-256`, `HmacSHA512` are understood. */
export function algorithmOf(value: unknown): HashAlgorithm {
  if (value === undefined || value === null || value === '') return 'SHA1';
  // String() of a deeply nested list recurses: only text names an algorithm.
  if (typeof value !== 'string') throw new InvalidAccountField('algorithm', `the algorithm must be a name such as SHA1, not ${preview(value)}`, 'bad_algorithm', { algorithm: preview(value) });
  const algorithm = ALGORITHMS[value.toUpperCase().replace(/[-_\s]/g, '')];
  if (!algorithm) throw new InvalidAccountField('algorithm', `unsupported algorithm “${value.slice(0, 20)}”`, 'bad_algorithm', { algorithm: value.slice(0, 20) });
  return algorithm;
}

const NUMBER_CODES = { digits: 'bad_digits', period: 'bad_period', counter: 'bad_counter' } as const;

function integer(field: keyof typeof NUMBER_CODES, value: unknown, what: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < min || number > max) {
    const shown = preview(typeof number === 'number' ? number : value);
    throw new InvalidAccountField(field, `${what} must be a whole number from ${min} to ${max}, not ${shown}`, NUMBER_CODES[field], { [field]: shown });
  }
  return number;
}

function typeOf(value: unknown): OtpType {
  const text = textOfField(value).toLowerCase() || 'totp';
  if (text === 'totp' || text === 'hotp' || text === 'steam') return text;
  throw new InvalidAccountField('type', `${text.slice(0, 20)} accounts are not supported (only TOTP, HOTP and Steam)`, 'uri_unknown_type', { type: text.slice(0, 20) });
}

function secretOf(fields: RawAccountFields): string {
  if (fields.secretBytes) {
    if (fields.secretBytes.length === 0) throw new InvalidAccountField('secret', 'the secret is empty', 'secret_empty');
    return bytesToBase32(fields.secretBytes);
  }
  if (typeof fields.secret !== 'string' || !fields.secret.trim()) throw new InvalidAccountField('secret', 'it has no secret', 'secret_empty');
  try {
    return normalizeBase32(fields.secret);
  } catch (error) {
    if (error instanceof AppError) throw new InvalidAccountField('secret', error.message, error.code, error.params);
    throw new InvalidAccountField('secret', error instanceof Error ? error.message : 'the secret is not valid base32', 'bad_base32');
  }
}

/**
 * A validated draft from raw fields. Defaults: TOTP, SHA1, 6 digits, 30 s, counter 0. Steam accounts always
 * have 5 digits and SHA1; only HOTP keeps a counter. Issuer and name are trimmed. Nothing is cut or guessed:
 * a field out of range or over its size cap is refused with the reason.
 */
export function validateDraft(fields: RawAccountFields): AccountDraft {
  const type = typeOf(fields.type);
  const secret = secretOf(fields);
  const algorithm = type === 'steam' ? 'SHA1' : algorithmOf(fields.algorithm);
  const digits = type === 'steam' ? 5 : integer('digits', fields.digits, 'digits', 5, 10, 6);
  const period = integer('period', fields.period, 'the period', 1, 86_400, 30);
  const counter = type === 'hotp' ? integer('counter', fields.counter, 'the counter', 0, Number.MAX_SAFE_INTEGER, 0) : 0;
  const draft = makeDraft({
    type,
    secret,
    algorithm,
    digits,
    period,
    counter,
    issuer: textOfField(fields.issuer).trim(),
    name: textOfField(fields.name).trim(),
    notes: textOfField(fields.notes),
    pinned: fields.pinned === true,
  });
  checkAccountFields(draft);
  return draft;
}

/** `digits must be …` as a sentence for a message of its own: `Digits must be ….` */
export function asSentence(reason: string): string {
  const text = reason.charAt(0).toUpperCase() + reason.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * Runs validateDraft, reporting a refused field as the AppError of its own code (bad_digits, bad_base32…;
 * `code` for a field without one), size caps as they are. `secretPrefix` starts the English detail of a bad secret.
 */
export function validateDraftOr(code: 'bad_account' | 'bad_otpauth_uri', fields: RawAccountFields, secretPrefix = ''): AccountDraft {
  try {
    return validateDraft(fields);
  } catch (error) {
    if (!(error instanceof InvalidAccountField)) throw error;
    const detail = error.field === 'secret' && secretPrefix ? secretPrefix + error.message : asSentence(error.message);
    throw appError(error.code === 'bad_account' ? code : error.code, detail, error.params);
  }
}
