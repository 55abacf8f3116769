import { AppError } from '@/lib/errors';
import type { HashAlgorithm, OtpType, AccountDraft } from './account';
import { parseOtpauthUri } from './uri';
import { validateDraftOr } from './validate';

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

/** Turns what a person pasted or typed into a validated draft (the one validator, lib/otp/validate.ts), or a specific error. */
export function draftFromInput(input: AddAccountInput): AccountDraft {
  if ('uri' in input) return parseOtpauthUri(input.uri.trim());
  // A typed account needs a label to be told apart in the list; a file or link may come without one.
  if (!input.issuer.trim() && !input.name.trim()) throw new AppError('account_unnamed', 'Give the account an issuer or a name.');
  return validateDraftOr('bad_account', { ...input, type: input.type ?? 'totp' });
}
