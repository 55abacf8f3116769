import { AppError } from '@/lib/errors';
import { makeDraft, type AccountDraft, type HashAlgorithm, type OtpType } from './account';
import { normalizeBase32 } from './base32';
import { checkAccountFields } from './limits';
import { parseOtpauthUri } from './uri';

/** Fields a person can type into the add form. */
export type ManualAccountInput = {
  issuer: string;
  name: string;
  secret: string;
  type?: OtpType;
  algorithm?: HashAlgorithm;
  digits?: number;
  period?: number;
  counter?: number;
};

/** What the add form sends: a pasted otpauth:// link, or the typed fields. */
export type AddAccountInput = { uri: string } | ManualAccountInput;

const ALGORITHMS: readonly HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

/** Turns what a person pasted or typed into a validated draft, or a specific error. */
export function draftFromInput(input: AddAccountInput): AccountDraft {
  if ('uri' in input) return parseOtpauthUri(input.uri.trim());
  const type = input.type ?? 'totp';
  const issuer = input.issuer.trim();
  const name = input.name.trim();
  if (!issuer && !name) throw new AppError('account_unnamed', 'Give the account an issuer or a name.');
  const secret = normalizeBase32(input.secret);
  const algorithm = input.algorithm ?? 'SHA1';
  if (!ALGORITHMS.includes(algorithm)) throw new AppError('bad_algorithm', `Unknown algorithm ${String(algorithm)}: use SHA1, SHA256 or SHA512.`, { algorithm: String(algorithm).slice(0, 20) });
  const digits = type === 'steam' ? 5 : (input.digits ?? 6);
  if (!Number.isInteger(digits) || digits < 5 || digits > 10) throw new AppError('bad_digits', `Digits must be a whole number from 5 to 10, not ${digits}.`, { digits: String(digits) });
  const period = input.period ?? 30;
  if (!Number.isInteger(period) || period < 1 || period > 86_400) throw new AppError('bad_period', `The period must be a whole number of seconds (1–86400), not ${period}.`, { period: String(period) });
  const counter = input.counter ?? 0;
  if (!Number.isSafeInteger(counter) || counter < 0) throw new AppError('bad_counter', `The counter must be a whole number ≥ 0, not ${counter}.`, { counter: String(counter) });
  const draft = makeDraft({ issuer, name, secret, type, algorithm, digits, period, counter });
  checkAccountFields(draft);
  return draft;
}
