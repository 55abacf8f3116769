// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { fakeBackground, settle } from './fake-background';

const background = fakeBackground({ fillable: true, locked: false, bound: 1, autoFill: true });
vi.mock('wxt/browser', () => ({ browser: background.browser }));

describe('content-script controller (auto-fill on)', () => {
  it('fills by itself when exactly one account is bound to the site', async () => {
    document.body.innerHTML = '<form><label>Two-factor code <input name="otp" inputmode="numeric" maxlength="6"></label></form>';
    const { startAutofill } = await import('@/lib/autofill/controller');
    startAutofill(new AbortController().signal);
    await settle();
    expect(document.querySelector('input')!.value).toBe('123456');
    expect(background.state.requests.map((r) => r.type)).toEqual(['autofill/probe', 'autofill/loadUi', 'autofill/code']);
  });
});
