// @vitest-environment happy-dom
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBackground, settle } from './fake-background';

const background = fakeBackground({ fillable: true, locked: false, bound: 0, autoFill: false });
vi.mock('wxt/browser', () => ({ browser: background.browser }));

/** Waits (as long as a loaded machine needs) until the field named `name` has its key button. */
const buttonAfter = (name: string) =>
  vi.waitFor(() => {
    if (!document.querySelector(`input[name="${name}"] + keyring-fill`)) throw new Error(`no button after ${name} yet`);
  }, { timeout: 15_000, interval: 50 });
const hosts = () => document.querySelectorAll('keyring-fill').length;
// The button lives in a closed shadow root: keep a handle on each root as it is made, to read the button.
const roots: ShadowRoot[] = [];
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
  const root = attachShadow.call(this, init);
  roots.push(root);
  return root;
};
/** The newest key button's accessible name (the fake i18n answers with the message key). */
const buttonLabel = () => roots.at(-1)?.querySelector('button.fill')?.getAttribute('aria-label');
const values = () => Array.from(document.querySelectorAll('input')).map((input) => input.value);

// One controller for the page, as in a tab: each test changes the page the way a single-page app does.
describe('content-script controller (auto-fill off)', () => {
  beforeAll(async () => {
    document.body.innerHTML = '<form><label>Authentication code <input autocomplete="one-time-code" name="otp"></label></form>';
    const { startAutofill } = await import('@/lib/autofill/controller');
    startAutofill(new AbortController().signal);
    await settle();
  });

  it('puts a fill button after the field and fills nothing until asked', () => {
    expect(hosts()).toBe(1);
    expect(values()).toEqual(['']);
    expect(background.state.requests.map((r) => r.type)).toEqual(['autofill/probe', 'autofill/loadUi']);
  });

  it('the shortcut’s trigger asks the background for this frame’s code and fills it', async () => {
    expect(await background.trigger()).toEqual({ handled: true, answer: { filled: true } });
    expect(values()).toEqual(['123456']);
    expect(background.state.requests.at(-1)).toEqual({ type: 'autofill/code', payload: { preferredId: undefined, sent: false } });
  });

  it('finds split boxes that appear later and fills one digit each', async () => {
    document.body.innerHTML = `<main><p>Enter the code from your authenticator app</p><div>${'<input maxlength="1" inputmode="numeric">'.repeat(6)}</div></main>`;
    await settle();
    expect(hosts()).toBe(1);
    background.state.decision = { kind: 'code', code: '908172', accountId: 'a1', label: 'Forge' };
    expect(await background.trigger()).toEqual({ handled: true, answer: { filled: true } });
    expect(values()).toEqual(['9', '0', '8', '1', '7', '2']);
  });

  it('does not put an eight-digit code into six boxes', async () => {
    document.body.innerHTML = `<section><div>${'<input maxlength="1" inputmode="numeric">'.repeat(6)}</div></section>`;
    await settle();
    background.state.decision = { kind: 'code', code: '12345678', accountId: 'a1', label: 'Forge' };
    expect(await background.trigger()).toEqual({ handled: true, answer: { filled: false } });
    expect(values()).toEqual(['', '', '', '', '', '']);
  });

  it('never overwrites what the person typed', async () => {
    document.body.innerHTML = '<form><label>Verification code <input name="code2" autocomplete="one-time-code"></label></form>';
    await settle();
    document.querySelector('input')!.value = '99';
    background.state.decision = { kind: 'code', code: '123456', accountId: 'a1', label: 'Forge' };
    expect(await background.trigger()).toEqual({ handled: true, answer: { filled: false } });
    expect(values()).toEqual(['99']);
  });

  it('a field for an SMS code gets the button too (its presence says nothing about the vault), and fills nothing the background refuses', async () => {
    document.body.innerHTML = '<form><p>We sent a text message with a code to your phone.</p><label>Code <input name="sms" autocomplete="one-time-code"></label></form>';
    await buttonAfter('sms');
    expect(hosts()).toBe(1);
    background.state.decision = { kind: 'none', reason: 'sent_code_unbound', site: 'forge.test' };
    expect(await background.trigger()).toEqual({ handled: true, answer: { filled: false } });
    expect(background.state.requests.at(-1)).toEqual({ type: 'autofill/code', payload: { preferredId: undefined, sent: true } });
    expect(values()).toEqual(['']);
  });

  it('no account bound: the press leads to the extension’s binding window, nothing in the page', async () => {
    document.body.innerHTML = '<form><label>Authentication code <input name="otp3" autocomplete="one-time-code"></label></form>';
    await buttonAfter('otp3');
    background.state.decision = { kind: 'binding' };
    expect(await background.trigger()).toEqual({ handled: true, answer: { filled: false } });
    expect(values()).toEqual(['']);
  });

  it('a code already handed out this step: the button counts down, then fills the next one by itself', async () => {
    document.body.innerHTML = '<form><h2>Two-factor</h2><label>Authentication code <input name="otp4" autocomplete="one-time-code"></label></form>';
    await buttonAfter('otp4');
    vi.useFakeTimers();
    try {
      background.state.decision = { kind: 'wait', accountId: 'a1', label: 'Forge', retryInMs: 2500 };
      const answered = background.trigger();
      await vi.advanceTimersByTimeAsync(0);
      expect(await answered).toEqual({ handled: true, answer: { filled: false } });
      expect(buttonLabel()).toBe('fill_wait');
      background.state.decision = { kind: 'code', code: '654321', accountId: 'a1', label: 'Forge' };
      await vi.advanceTimersByTimeAsync(2600);
      expect(values()).toEqual(['654321']);
      expect(background.state.requests.at(-1)).toEqual({ type: 'autofill/code', payload: { preferredId: 'a1', sent: false } });
      expect(buttonLabel()).toBe('fill_button_label');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a page whose DOM keeps changing without new fields causes no new requests', async () => {
    document.body.innerHTML = '<form><p>We sent a text message with a code to your phone.</p><p>It may take a minute.</p><label>Code <input name="sms" autocomplete="one-time-code"></label></form>';
    await buttonAfter('sms');
    const before = background.state.requests.length;
    document.body.insertAdjacentHTML('beforeend', '<ul id="feed"></ul>');
    for (let i = 0; i < 50; i++) document.getElementById('feed')!.insertAdjacentHTML('beforeend', `<li>item ${i}</li>`);
    await settle();
    // The SMS field is looked at again (new elements), but nothing new is placed or asked.
    expect(background.state.requests.length - before).toBeLessThanOrEqual(1);
    expect(hosts()).toBe(1);
  });
});
