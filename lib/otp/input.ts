import { AppError } from '@/lib/errors';
import type { AddAccountInput } from '@/lib/messaging/protocol';
import type { AccountDraft } from './account';
import { parseOtpauthUri } from './uri';
import { validateDraftOr } from './validate';

/** Turns what a person pasted or typed into a validated draft (the one validator, lib/otp/validate.ts), or a specific error. */
export function draftFromInput(input: AddAccountInput): AccountDraft {
  if ('uri' in input) return parseOtpauthUri(input.uri.trim());
  // A typed account needs a label to be told apart in the list; a file or link may come without one.
  if (!input.issuer.trim() && !input.name.trim()) throw new AppError('bad_account', 'Give the account an issuer or a name.');
  return validateDraftOr('bad_account', { ...input, type: input.type ?? 'totp' });
}
