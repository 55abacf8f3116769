import { describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { parseOtpauthUri } from '@/lib/otp/uri';
import { addFormField, formError } from '@/lib/popup/form-error';

// Outside the browser there is no chrome.i18n: messages answer with their name.
vi.mock('@/lib/i18n', () => ({ t: (key: string) => key, errorText: (e: Error) => e.message }));

describe('formError', () => {
  it('says a bad setup key once: the plain sentence, then the parser detail without the link prefix', () => {
    let caught: unknown;
    try {
      parseOtpauthUri('otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PX1&issuer=GitHub');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    const shown = formError(caught);
    expect(shown.text).toBe('error_bad_secret');
    expect(shown.detail).toMatch(/^The secret is not valid base32: “1” at position 16/);
    expect(shown.detail).not.toMatch(/link/);
  });

  it('keeps other errors as they are, without a detail line', () => {
    expect(formError(new AppError('duplicate', 'GitHub (alice) is already in your vault.'))).toEqual({ text: 'GitHub (alice) is already in your vault.' });
  });

  it('puts an error next to the field it is about', () => {
    expect(addFormField(new AppError('bad_base32', 'x'), 'manual')).toBe('secret');
    expect(addFormField(new AppError('bad_account', 'x'), 'manual')).toBe('form');
    expect(addFormField(new AppError('bad_otpauth_uri', 'x'), 'uri')).toBe('uri');
  });
});
