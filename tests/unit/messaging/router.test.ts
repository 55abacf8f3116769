import { describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { maySend, SENDERS, type MessageType } from '@/lib/messaging/protocol';
import { routeMessage, type Handlers } from '@/lib/messaging/router';
import { classifyBackgroundSender, classifySender, type SenderContext } from '@/lib/messaging/sender';
import type { SenderKind } from '@/lib/messaging/types';

const runtime = vi.hoisted(() => ({ id: 'abcdefghijklmnopabcdefghijklmnop' }));
vi.mock('wxt/browser', () => ({ browser: { runtime } }));
const { isMessageFrom } = await import('@/lib/messaging/client');

const EXT_ID = runtime.id;
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

// The policy is the protocol map's `senders`, read by the router for every direction; these tests walk the map.
const TYPES = Object.keys(SENDERS) as MessageType[];
const senderOf = { 'extension-page': popup!, 'content-script': page! } as const;

describe('the protocol map', () => {
  it('names at least one sender for every message, and only known kinds', () => {
    for (const type of TYPES) {
      expect(SENDERS[type].length, type).toBeGreaterThan(0);
      for (const kind of SENDERS[type]) expect(['extension-page', 'content-script', 'background']).toContain(kind);
    }
  });

  it('gives a content script only its page’s messages, the background only what it sends to tabs and offscreen', () => {
    const by = (kind: SenderKind) => TYPES.filter((type) => maySend(kind, type)).sort();
    expect(by('content-script')).toEqual(['autofill/code', 'autofill/loadUi', 'autofill/openUnlock', 'autofill/pick', 'autofill/probe', 'autofill/words', 'enrol/add', 'enrol/decodeImageUrl', 'enrol/scanMe']);
    expect(by('background')).toEqual(['autofill/trigger', 'offscreen/clearClipboard']);
    expect(by('extension-page')).not.toContain('autofill/code');
    expect(maySend('extension-page', 'no/such-message')).toBe(false);
    expect(maySend('extension-page', 'constructor')).toBe(false);
  });
});

describe('routeMessage enforces the map for every message and sender', () => {
  const cases = TYPES.flatMap((type) => (['extension-page', 'content-script'] as const).map((kind) => ({ type, kind, allowed: (SENDERS[type] as readonly SenderKind[]).includes(kind) })));

  it.each(cases)('$type from $kind: allowed $allowed', async ({ type, kind, allowed }) => {
    calls.length = 0;
    const reply = await routeMessage(handlers, { type, payload: null }, senderOf[kind]);
    if (allowed) {
      expect(calls).toEqual([type]);
    } else {
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(calls).toEqual([]);
    }
  });

  it('a message with no handler (the background→tab and offscreen ones) is refused even to the extension', async () => {
    const real: Partial<Handlers> = { 'accounts/list': async () => ({ accounts: [], damaged: [] }) };
    for (const type of ['autofill/trigger', 'offscreen/clearClipboard']) {
      expect(await routeMessage(real, { type, payload: null }, popup)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await routeMessage(real, { type, payload: {} }, page)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // An own property only: the prototype's names are no handlers.
    expect(await routeMessage(real, { type: 'toString', payload: null }, popup)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('a tab’s content script and the offscreen document accept only the background’s messages', () => {
  const fromBackground = { id: runtime.id, url: `${EXT_ORIGIN}background.js` };

  it('the background is an extension context outside any tab', () => {
    expect(classifyBackgroundSender(fromBackground, runtime.id)).toEqual({ kind: 'background' });
    expect(classifyBackgroundSender({ ...fromBackground, tab: { id: 3, url: 'https://github.com/' } }, runtime.id)).toBeNull();
    expect(classifyBackgroundSender({ id: 'another-extension' }, runtime.id)).toBeNull();
  });

  it('takes the fill trigger and the clipboard order from the background', () => {
    expect(isMessageFrom('autofill/trigger', { type: 'autofill/trigger', payload: { preferredId: 'a' } }, fromBackground)).toBe(true);
    expect(isMessageFrom('offscreen/clearClipboard', { type: 'offscreen/clearClipboard', payload: null }, fromBackground)).toBe(true);
  });

  it('refuses them from a content script, another extension, or in another shape', () => {
    const contentScript = { id: runtime.id, url: 'https://evil.example/', tab: { id: 3, url: 'https://evil.example/' }, frameId: 0 };
    expect(isMessageFrom('offscreen/clearClipboard', { type: 'offscreen/clearClipboard', payload: null }, contentScript)).toBe(false);
    expect(isMessageFrom('autofill/trigger', { type: 'autofill/trigger', payload: {} }, contentScript)).toBe(false);
    expect(isMessageFrom('autofill/trigger', { type: 'autofill/trigger', payload: {} }, { id: 'another-extension', url: 'chrome-extension://other/bg.js' })).toBe(false);
    expect(isMessageFrom('autofill/trigger', { type: 'offscreen/clearClipboard', payload: null }, fromBackground)).toBe(false);
    expect(isMessageFrom('autofill/trigger', { type: 'autofill/trigger' }, fromBackground)).toBe(false);
  });
});
