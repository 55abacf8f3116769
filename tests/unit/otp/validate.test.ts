import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { draftFrom, InvalidEntry } from '@/lib/formats/common';
import { draftFromInput } from '@/lib/otp/input';
import { parseOtpauthUri } from '@/lib/otp/uri';
import { InvalidAccountField, validateDraft, validateDraftOr } from '@/lib/otp/validate';

function refusal(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected a refusal');
}

describe('validateDraft: the one validator of an account', () => {
  it('fills the defaults and canonicalises the secret, issuer and name', () => {
    expect(validateDraft({ secret: 'jbsw y3dp ehpk 3pxp', issuer: ' Mail ', name: ' ann ' })).toMatchObject({
      type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, issuer: 'Mail', name: 'ann',
    });
  });

  it('reads numbers given as text, algorithm spellings of other apps, and raw secret bytes', () => {
    expect(validateDraft({ type: 'HOTP', secretBytes: Uint8Array.of(72, 101, 108, 108, 111), algorithm: 'HmacSHA256', digits: '8', counter: ' 7 ' })).toMatchObject({
      type: 'hotp', secret: 'JBSWY3DP', algorithm: 'SHA256', digits: 8, counter: 7,
    });
  });

  it('Steam always has 5 digits and SHA1; only HOTP keeps a counter', () => {
    expect(validateDraft({ type: 'steam', secret: 'JBSWY3DPEHPK3PXP', digits: 8, algorithm: 'SHA512', counter: 3 })).toMatchObject({ digits: 5, algorithm: 'SHA1', counter: 0 });
    expect(validateDraft({ secret: 'JBSWY3DPEHPK3PXP', counter: 3 }).counter).toBe(0);
  });

  it.each([
    [{ type: 'motp', secret: 'JBSWY3DPEHPK3PXP' }, 'type', 'motp accounts are not supported (only TOTP, HOTP and Steam)'],
    [{ secret: '  ' }, 'secret', 'it has no secret'],
    [{ secretBytes: new Uint8Array(0) }, 'secret', 'the secret is empty'],
    [{ secret: 'JBSWY3DPEHPK3PX1' }, 'secret', 'The secret is not valid base32: “1” at position 16 (base32 has no 0, 1, 8 or 9; did you mean O, I, B or g?).'],
    [{ secret: 'JBSWY3DPEHPK3PXP', algorithm: 'MD5' }, 'algorithm', 'unsupported algorithm “MD5”'],
    [{ secret: 'JBSWY3DPEHPK3PXP', algorithm: [[1]] }, 'algorithm', 'the algorithm must be a name such as SHA1, not a list'],
    [{ secret: 'JBSWY3DPEHPK3PXP', digits: 4 }, 'digits', 'digits must be a whole number from 5 to 10, not 4'],
    [{ secret: 'JBSWY3DPEHPK3PXP', digits: 6.5 }, 'digits', 'digits must be a whole number from 5 to 10, not 6.5'],
    [{ secret: 'JBSWY3DPEHPK3PXP', period: 0 }, 'period', 'the period must be a whole number from 1 to 86400, not 0'],
    [{ type: 'hotp', secret: 'JBSWY3DPEHPK3PXP', counter: -1 }, 'counter', 'the counter must be a whole number from 0 to 9007199254740991, not -1'],
  ])('refuses %j: %s', (fields, field, message) => {
    const error = refusal(() => validateDraft(fields));
    expect(error).toBeInstanceOf(InvalidAccountField);
    expect((error as InvalidAccountField).field).toBe(field);
    expect(error.message).toBe(message);
  });

  it('refuses a field over its size cap with the cap’s own code', () => {
    const error = refusal(() => validateDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'x'.repeat(257) }));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('issuer_too_long');
  });

  it('validateDraftOr reports a refused field with its own code and values (the English as detail)', () => {
    const digits = refusal(() => validateDraftOr('bad_account', { secret: 'JBSWY3DPEHPK3PXP', digits: 11 })) as AppError;
    expect([digits.code, digits.params, digits.message]).toEqual(['bad_digits', { digits: '11' }, 'Digits must be a whole number from 5 to 10, not 11.']);
    const secret = refusal(() => validateDraftOr('bad_otpauth_uri', { secret: 'AB' }, 'The link’s secret is not valid: ')) as AppError;
    expect([secret.code, secret.message]).toEqual(['secret_too_short', 'The link’s secret is not valid: The secret is too short (fewer than 5 bytes).']);
    const base32 = refusal(() => validateDraftOr('bad_account', { secret: 'JBSWY3DP1HPK3PXP' })) as AppError;
    expect([base32.code, base32.params]).toEqual(['bad_base32', { character: '1', position: 9 }]);
  });
});

describe('every way in goes through it and refuses alike', () => {
  const refusedDigits = 'digits must be a whole number from 5 to 10, not 4';

  it('an otpauth link, the popup form and an imported entry refuse 4 digits with the same reason', () => {
    const link = refusal(() => parseOtpauthUri('otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&digits=4')) as AppError;
    expect([link.code, link.params, link.message]).toEqual(['bad_digits', { digits: '4' }, 'Digits must be a whole number from 5 to 10, not 4.']);
    const form = refusal(() => draftFromInput({ issuer: 'A', name: 'b', secret: 'JBSWY3DPEHPK3PXP', digits: 4 })) as AppError;
    expect([form.code, form.params, form.message]).toEqual(['bad_digits', { digits: '4' }, 'Digits must be a whole number from 5 to 10, not 4.']);
    const entry = refusal(() => draftFrom({ issuer: 'A', name: 'b', secret: 'JBSWY3DPEHPK3PXP', digits: 4 }));
    expect(entry).toBeInstanceOf(InvalidEntry);
    expect([(entry as InvalidEntry).code, (entry as InvalidEntry).params, entry.message]).toEqual(['bad_digits', { digits: '4' }, refusedDigits]);
  });

  it('the three ways make the same draft from the same account', () => {
    const fromLink = parseOtpauthUri('otpauth://totp/GitHub:ann?secret=jbswy3dpehpk3pxp&issuer=GitHub&algorithm=SHA256&digits=8&period=60');
    const fromForm = draftFromInput({ issuer: 'GitHub', name: 'ann', secret: 'jbswy3dpehpk3pxp', algorithm: 'SHA256', digits: 8, period: 60 });
    const fromFile = draftFrom({ issuer: 'GitHub', name: 'ann', secret: 'jbswy3dpehpk3pxp', algorithm: 'sha-256', digits: '8', period: 60 });
    expect(fromForm).toEqual(fromLink);
    expect(fromFile).toEqual(fromLink);
  });
});
