import { describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { parseOtpauthUri } from '@/lib/otp/uri';
import { addFormField, formError } from '@/lib/popup/form-error';

// The real English messages, formatted as chrome.i18n does.
vi.mock('wxt/browser', async () => (await import('../support/i18n')).fakeI18nBrowser);

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
    expect(shown.text).toBe('This setup key is not valid.');
    expect(shown.detail).toBe('The secret is not valid base32: “1” at position 16 (base32 has only the letters A–Z and the digits 2–7).');
    expect(shown.detail).not.toMatch(/link/);
  });

  it('keeps other errors as they are, without a detail line', () => {
    expect(formError(new AppError('duplicate', 'in English', { name: 'GitHub (alice)' }))).toEqual({ text: 'GitHub (alice) is already in your vault.' });
  });

  it('puts an error next to the field it is about', () => {
    expect(addFormField(new AppError('bad_base32', 'x', { character: '1', position: 3 }), 'manual')).toBe('secret');
    expect(addFormField(new AppError('secret_too_short', 'x'), 'manual')).toBe('secret');
    expect(addFormField(new AppError('bad_account', 'x'), 'manual')).toBe('form');
    expect(addFormField(new AppError('bad_otpauth_uri', 'x'), 'uri')).toBe('uri');
  });
});
