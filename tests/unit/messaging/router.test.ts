import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { routeMessage, type Handlers } from '@/lib/messaging/router';
import { classifySender, type SenderContext } from '@/lib/messaging/sender';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const EXT_ORIGIN = `chrome-extension://${EXT_ID}/`;

const calls: string[] = [];
const handlers = new Proxy({} as Handlers, {
  get: (_t, type: string) => async (_payload: unknown, sender: SenderContext) => {
    calls.push(type);
    if (type === 'vault/unlock') throw new AppError('wrong_passphrase', 'Wrong passphrase.');
    return { type, sender: sender.kind };
  },
  has: () => true,
});

const popup = classifySender({ id: EXT_ID, url: `${EXT_ORIGIN}popup.html`, origin: EXT_ORIGIN.slice(0, -1) }, EXT_ID, EXT_ORIGIN);
const page = classifySender(
  { id: EXT_ID, url: 'https://github.com/login', origin: 'https://github.com', tab: { id: 4, url: 'https://github.com/login' }, frameId: 0 },
  EXT_ID,
  EXT_ORIGIN,
);

describe('classifySender', () => {
  it('tells extension pages from content scripts by the browser-reported URL', () => {
    expect(popup).toEqual({ kind: 'extension-page', url: `${EXT_ORIGIN}popup.html` });
    expect(page).toEqual({ kind: 'content-script', url: 'https://github.com/login', origin: 'https://github.com', tabId: 4, frameId: 0, topUrl: 'https://github.com/login' });
  });

  it('answers no other extension and no sender without a URL', () => {
    expect(classifySender({ id: 'other', url: `${EXT_ORIGIN}popup.html` }, EXT_ID, EXT_ORIGIN)).toBeNull();
    expect(classifySender({ id: EXT_ID }, EXT_ID, EXT_ORIGIN)).toBeNull();
    // A page cannot pass for the extension by naming it in its path.
    expect(classifySender({ id: EXT_ID, url: `https://evil.test/${EXT_ORIGIN}`, tab: { id: 1 } }, EXT_ID, EXT_ORIGIN)?.kind).toBe('content-script');
  });
});

describe('routeMessage', () => {
  it('lets extension pages ask for the account list', async () => {
    expect(await routeMessage(handlers, { type: 'accounts/list', payload: null }, popup)).toEqual({
      ok: true,
      value: { type: 'accounts/list', sender: 'extension-page' },
    });
  });

  it.each(['accounts/list', 'accounts/codes', 'accounts/revealUri', 'vault/unlock', 'vault/lock', 'settings/set', 'accounts/delete'])(
    'refuses %s from a content script without calling the handler',
    async (type) => {
      calls.length = 0;
      const reply = await routeMessage(handlers, { type, payload: null }, page);
      expect(reply).toEqual({ ok: false, error: { code: 'forbidden' } });
      expect(calls).toEqual([]);
    },
  );

  it('lets a content script ask about its own page', async () => {
    expect(await routeMessage(handlers, { type: 'autofill/probe', payload: null }, page)).toMatchObject({ ok: true });
  });

  it('returns errors as data, with their code', async () => {
    expect(await routeMessage(handlers, { type: 'vault/unlock', payload: { passphrase: 'x' } }, popup)).toEqual({
      ok: false,
      error: { code: 'wrong_passphrase' },
    });
  });

  it('refuses malformed messages and unknown senders', async () => {
    expect(await routeMessage(handlers, 'hello', popup)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await routeMessage(handlers, { type: 'accounts/list', payload: null }, null)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
