import { AppError, type AppErrorCode } from '@/lib/errors';
import type { AccountDraft } from './account';

/**
 * Size caps of an account's fields. Real secrets are 16–128 base32 characters, labels a few words,
 * recovery-code lists 8–16 codes: the caps leave ample room and refuse what is only there to exhaust
 * memory, storage or the screen (a 1 MB secret from a page, a million recovery codes in a file).
 */
export const ACCOUNT_LIMITS = {
  /** base32 characters after normalisation (640 bytes, five times SHA-512's block). */
  secret: 1024,
  issuer: 256,
  name: 256,
  notes: 10_000,
  sites: 100,
  /** A DNS name is at most 253 characters. */
  site: 253,
  recoveryCodes: 100,
  recoveryCode: 128,
} as const;

/** Characters as a person counts them (code points: a surrogate pair is one). */
function lengthOf(text: string): number {
  return text.length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}

/** `subject` includes its verb: “The issuer is”, “The notes are”. */
function tooLong(code: Extract<AppErrorCode, `${string}_too_long`>, subject: string, length: number, max: number): never {
  throw new AppError(code, `${subject} too long: ${length.toLocaleString('en')} characters, at most ${max.toLocaleString('en')}.`);
}

/**
 * The one check of an account's sizes, for every way in: the popup's add form and edit, a page's
 * enrolment, otpauth links, imports, and the vault itself before it writes. Checks the fields present,
 * so a patch (an edit) is checked as well as a whole draft. Throws a specific AppError per field.
 */
export function checkAccountFields(fields: Partial<Pick<AccountDraft, 'secret' | 'issuer' | 'name' | 'notes' | 'sites' | 'recoveryCodes'>>): void {
  const { secret, issuer, name, notes, sites, recoveryCodes } = fields;
  if (secret !== undefined && secret.length > ACCOUNT_LIMITS.secret) {
    throw new AppError('secret_too_long', `The secret is too long: ${secret.length.toLocaleString('en')} base32 characters, at most ${ACCOUNT_LIMITS.secret.toLocaleString('en')}.`);
  }
  if (issuer !== undefined && lengthOf(issuer) > ACCOUNT_LIMITS.issuer) tooLong('issuer_too_long', 'The issuer is', lengthOf(issuer), ACCOUNT_LIMITS.issuer);
  if (name !== undefined && lengthOf(name) > ACCOUNT_LIMITS.name) tooLong('name_too_long', 'The account name is', lengthOf(name), ACCOUNT_LIMITS.name);
  if (notes !== undefined && lengthOf(notes) > ACCOUNT_LIMITS.notes) tooLong('notes_too_long', 'The notes are', lengthOf(notes), ACCOUNT_LIMITS.notes);
  if (sites !== undefined) {
    if (sites.length > ACCOUNT_LIMITS.sites) throw new AppError('too_many_sites', `An account can be bound to at most ${ACCOUNT_LIMITS.sites} sites, not ${sites.length}.`);
    const long = sites.find((site) => site.length > ACCOUNT_LIMITS.site);
    if (long !== undefined) tooLong('site_too_long', `The site “${long.slice(0, 40)}…” is`, long.length, ACCOUNT_LIMITS.site);
  }
  if (recoveryCodes !== undefined) {
    if (recoveryCodes.length > ACCOUNT_LIMITS.recoveryCodes) {
      throw new AppError('too_many_recovery_codes', `An account can keep at most ${ACCOUNT_LIMITS.recoveryCodes} recovery codes, not ${recoveryCodes.length}.`);
    }
    const long = recoveryCodes.find((c) => lengthOf(c.code) > ACCOUNT_LIMITS.recoveryCode);
    if (long) tooLong('recovery_code_too_long', 'A recovery code is', lengthOf(long.code), ACCOUNT_LIMITS.recoveryCode);
  }
}
