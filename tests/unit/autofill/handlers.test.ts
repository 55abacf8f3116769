import { describe, expect, it } from 'vitest';
import { BIND_REQUEST_MS, createAutofillHandlers, type BindRequest } from '@/lib/autofill/handlers';
import { memoryMap } from '@/lib/autofill/session-map';
import type { ContentScriptSender, ExtensionPageSender } from '@/lib/messaging/types';
import { routeTo } from '../support/route';
import { makeDraft } from '@/lib/otp/account';
import { generateCode } from '@/lib/otp/codes';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';
import { makeVault, TEST_COST } from '../vault/helpers';

const page = (url: string, topUrl = url, frameId = 0): ContentScriptSender => ({ kind: 'content-script', url, origin: new URL(url).origin, tabId: 1, frameId, topUrl });
const BIND_WINDOW: ExtensionPageSender = { kind: 'extension-page', url: 'chrome-extension://x/bind.html?request=r' };

async function setup(nowMs = 1_700_000_010_000, sessions = { handedOutSteps: memoryMap<number>(), bindRequests: memoryMap<BindRequest>() }) {
  const clock = { now: nowMs };
  const { vault } = await makeVault(clock);
  await vault.create('test passphrase', TEST_COST);
  const slept: number[] = [];
  const choices = new Map<string, string>();
  const windows: string[] = [];
  const focused: number[] = [];
  const triggered: { tabId: number; id: string; frameId?: number }[] = [];
  const injected: { tabId: number; frameId: number }[] = [];
  const deps = {
    ...sessions,
    vault,
    now: () => clock.now,
    loadSettings: async () => DEFAULT_SETTINGS,
    saveSettings: async () => DEFAULT_SETTINGS,
    onActivity: () => undefined,
    choices: { get: async (site: string) => choices.get(site), set: async (site: string, id: string) => void choices.set(site, id) },
    openUnlockWindow: async () => undefined,
    activeTab: async () => ({ id: 1, url: 'https://github.com/login' }),
    triggerFill: async (tabId: number, id: string, frameId?: number) => {
      triggered.push({ tabId, id, frameId });
      return true;
    },
    openBindWindow: async (requestId: string) => {
      windows.push(requestId);
      return 100 + windows.length;
    },
    focusWindow: async (windowId: number) => {
      focused.push(windowId);
      return true;
    },
    injectFillUi: async (tabId: number, frameId: number) => void injected.push({ tabId, frameId }),
    sleep: async (ms: number) => {
      slept.push(ms);
      clock.now += ms;
    },
  };
  const handlers = createAutofillHandlers(deps);
  return { vault, handlers, clock, slept, choices, windows, focused, triggered, injected, sessions, makeHandlers: () => createAutofillHandlers(deps) };
}

describe('the fill button’s script, injected on demand', () => {
  it('goes into the asking frame of the asking tab only, and only a page may ask', async () => {
    const { handlers, injected } = await setup();
    expect(await handlers['autofill/loadUi'](null, page('https://github.com/frame', 'https://github.com/', 3))).toBeNull();
    expect(injected).toEqual([{ tabId: 1, frameId: 3 }]);
    await expect(routeTo(handlers)('autofill/loadUi', null, BIND_WINDOW)).rejects.toMatchObject({ code: 'forbidden' });
    expect(injected).toHaveLength(1);
  });
});

describe('autofill decisions in the background', () => {
  it('gives the bound account’s current code to its own site only', async () => {
    const { vault, handlers, clock } = await setup();
    const [github] = await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', sites: ['github.com'] })]);
    const decision = await handlers['autofill/code']({}, page('https://github.com/sessions/two-factor'));
    expect(decision).toEqual({ kind: 'code', code: generateCode(github!, clock.now), accountId: github!.id, label: 'GitHub' });
    expect(await handlers['autofill/code']({}, page('https://github.com.evil.io/'))).toEqual({ kind: 'binding' }); // no code: the extension's window, naming evil.io
    expect(await handlers['autofill/code']({}, page('https://github.com/frame', 'https://evil.io/'))).toEqual({ kind: 'none', reason: 'frame_of_other_site' });
    expect(await handlers['autofill/code']({}, page('http://github.com/'))).toMatchObject({ kind: 'none' });
  });

  it('waits for the next step when fewer than 3 s remain', async () => {
    const { vault, handlers, clock, slept } = await setup(1_700_000_038_500); // 1.5 s before a 30 s boundary
    const [account] = await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', sites: ['github.com'] })]);
    const decision = await handlers['autofill/code']({}, page('https://github.com/'));
    expect(slept).toHaveLength(1);
    expect(decision).toMatchObject({ kind: 'code', code: generateCode(account!, 1_700_000_040_000) });
    expect(clock.now).toBeGreaterThanOrEqual(1_700_000_040_000);
  });

  it('HOTP fills the next code and saves the incremented counter', async () => {
    const { vault, handlers } = await setup();
    const [hotp] = await vault.add([makeDraft({ type: 'hotp', counter: 7, secret: 'JBSWY3DPEHPK3PXP', issuer: 'Bank', sites: ['bank.example'] })]);
    expect(await handlers['autofill/code']({}, page('https://bank.example/'))).toMatchObject({ code: generateCode(hotp!, 0) });
    expect((await vault.get(hotp!.id)).counter).toBe(8);
  });

  it('the chooser shows each account’s image icon as a data URL; a label or no icon shows the letter', async () => {
    const { vault, handlers } = await setup();
    const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
    const [work, personal, old] = await vault.add([
      makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', name: 'work', sites: ['github.com'], icon: { kind: 'image', mime: 'image/png', data: PNG } }),
      makeDraft({ secret: 'GEZDGNBVGY3TQOJQ', issuer: 'GitHub', name: 'personal', sites: ['github.com'], icon: { kind: 'label', text: 'GH', color: 'Red' } }),
      makeDraft({ secret: 'MFRGGZDFMZTWQ2LK', issuer: 'GitHub', name: 'old', sites: ['github.com'] }),
    ]);
    expect(await handlers['autofill/code']({}, page('https://github.com/'))).toEqual({
      kind: 'choose',
      options: [
        { id: work!.id, label: 'GitHub — work', icon: `data:image/png;base64,${PNG}` },
        { id: personal!.id, label: 'GitHub — personal' },
        { id: old!.id, label: 'GitHub — old' },
      ],
    });
  });

  it('several accounts: asks, then remembers the choice for the site', async () => {
    const { vault, handlers, clock } = await setup();
    const [work, personal] = await vault.add([
      makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', name: 'work', sites: ['github.com'] }),
      makeDraft({ secret: 'GEZDGNBVGY3TQOJQ', issuer: 'GitHub', name: 'personal', sites: ['github.com'] }),
    ]);
    expect(await handlers['autofill/code']({}, page('https://github.com/'))).toEqual({ kind: 'choose', options: [{ id: work!.id, label: 'GitHub — work' }, { id: personal!.id, label: 'GitHub — personal' }] });
    await handlers['autofill/pick']({ id: personal!.id }, page('https://github.com/'));
    clock.now += 30_000; // a later sign-in (the same step's code is never handed out twice)
    expect(await handlers['autofill/code']({}, page('https://github.com/'))).toMatchObject({ kind: 'code', label: 'GitHub — personal' });
  });

  it('an unbound account is never offered in the page: the key opens the extension’s window for the frame’s own site', async () => {
    const { vault, handlers, windows } = await setup();
    const [imported] = await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub' })]);
    for (const url of ['https://github.co/login', 'https://gith.io/', 'https://githu.example/']) {
      expect(await handlers['autofill/code']({}, page(url))).toEqual({ kind: 'binding' });
      // A forged pick or a named account binds nothing and reads nothing.
      expect(await handlers['autofill/pick']({ id: imported!.id }, page(url))).toMatchObject({ kind: 'none' });
      expect(await handlers['autofill/code']({ preferredId: imported!.id }, page(url))).toMatchObject({ kind: 'none' });
    }
    expect(windows).toHaveLength(3);
    expect((await vault.get(imported!.id)).sites).toEqual([]);
  });

  it('the binding window shows the site the background recorded, binds the chosen account there and fills the frame that asked', async () => {
    const { vault, handlers, windows, triggered } = await setup();
    const [github, bank] = await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', name: 'octo' }), makeDraft({ secret: 'GEZDGNBVGY3TQOJQ', issuer: 'Bank', sites: ['bank.example'] })]);
    expect(await handlers['autofill/code']({}, page('https://login.github.com/frame', 'https://github.com/', 3))).toEqual({ kind: 'binding' });
    const [request] = windows;
    expect(await handlers['autofill/bindRequest']({ request: request! }, BIND_WINDOW)).toEqual({
      site: 'github.com',
      options: [
        { id: github!.id, label: 'GitHub — octo', sites: [] },
        { id: bank!.id, label: 'Bank', sites: ['bank.example'] },
      ],
    });
    expect(await handlers['autofill/bind']({ request: request!, id: github!.id }, BIND_WINDOW)).toEqual({ site: 'github.com', filled: true });
    expect(triggered).toEqual([{ tabId: 1, id: github!.id, frameId: 3 }]);
    expect((await vault.get(github!.id)).sites).toEqual(['github.com']);
    // Now bound: the page's next request gets the code; the request was used up.
    expect(await handlers['autofill/code']({ preferredId: github!.id }, page('https://github.com/'))).toMatchObject({ kind: 'code', accountId: github!.id });
    await expect(handlers['autofill/bind']({ request: request!, id: bank!.id }, BIND_WINDOW)).rejects.toMatchObject({ code: 'request_expired' });
    expect((await vault.get(bank!.id)).sites).toEqual(['bank.example']);
  });

  it('a page can neither read nor answer a binding request, nor name the site; requests expire', async () => {
    const { vault, handlers, windows, clock, focused } = await setup();
    const [github] = await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub' })]);
    await handlers['autofill/code']({}, page('https://github.com/'));
    // The same frame presses again: the open window comes to the front, no second window.
    await handlers['autofill/code']({}, page('https://github.com/'));
    expect(windows).toHaveLength(1);
    expect(focused).toEqual([101]);
    const [request] = windows;
    await expect(routeTo(handlers)('autofill/bindRequest', { request: request! }, page('https://github.com/'))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(routeTo(handlers)('autofill/bind', { request: request!, id: github!.id }, page('https://github.com/'))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(handlers['autofill/bindRequest']({ request: 'made-up' }, BIND_WINDOW)).rejects.toMatchObject({ code: 'request_expired' });
    clock.now += BIND_REQUEST_MS + 1;
    await expect(handlers['autofill/bind']({ request: request!, id: github!.id }, BIND_WINDOW)).rejects.toMatchObject({ code: 'request_expired' });
    expect((await vault.get(github!.id)).sites).toEqual([]);
  });

  it('a sandboxed frame (opaque origin) at the bound site’s address gets nothing', async () => {
    const { vault, handlers, windows } = await setup();
    await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Bank', sites: ['bank.example'] })]);
    const sandboxed: ContentScriptSender = { ...page('https://bank.example/preview', 'https://bank.example/'), origin: 'null' };
    expect(await handlers['autofill/code']({}, sandboxed)).toEqual({ kind: 'none', reason: 'sandboxed_frame' });
    expect(await handlers['autofill/probe'](null, sandboxed)).toMatchObject({ fillable: false });
    expect(windows).toEqual([]);
  });

  it('the popup fills the active tab only with an account bound to that tab’s site', async () => {
    const { vault, handlers } = await setup();
    const [github, bank] = await vault.add([
      makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', sites: ['github.com'] }),
      makeDraft({ secret: 'GEZDGNBVGY3TQOJQ', issuer: 'Bank', sites: ['bank.example'] }),
    ]);
    const popup: ExtensionPageSender = { kind: 'extension-page', url: 'chrome-extension://x/popup.html' };
    expect(await handlers['autofill/fillActiveTab']({ id: github!.id }, popup)).toEqual({ filled: true });
    expect(await handlers['autofill/fillActiveTab']({ id: bank!.id }, popup)).toEqual({ filled: false });
    // A site stored with its host (imported data) counts as in every other fill: one test of "bound".
    const [hostLevel] = await vault.add([makeDraft({ secret: 'MFRGGZDFMZTWQ2LK', issuer: 'GitHub', name: 'work', sites: ['login.github.com'] })]);
    expect(await handlers['autofill/fillActiveTab']({ id: hostLevel!.id }, popup)).toEqual({ filled: true });
  });

  it('a locked vault says locked; a page may not fill the active tab', async () => {
    const { vault, handlers } = await setup();
    await vault.lock();
    expect(await handlers['autofill/code']({}, page('https://github.com/'))).toEqual({ kind: 'locked' });
    await expect(routeTo(handlers)('autofill/fillActiveTab', { id: 'x' }, page('https://github.com/'))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('a page asking for an e-mailed or SMS code gets a code only from an account bound to the site', async () => {
    const { vault, handlers } = await setup();
    const [imported] = await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub' })]);
    expect(await handlers['autofill/code']({ sent: true }, page('https://github.com/'))).toEqual({
      kind: 'none',
      reason: 'sent_code_unbound',
      site: 'github.com',
    });
    await vault.update(imported!.id, { sites: ['github.com'] });
    expect(await handlers['autofill/code']({ sent: true }, page('https://github.com/'))).toMatchObject({ kind: 'code', accountId: imported!.id });
  });

  it('the probe counts bound accounts only (an unbound issuer look-alike counts for nothing), and says nothing on refused pages', async () => {
    const { vault, handlers } = await setup();
    await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub' }), makeDraft({ secret: 'GEZDGNBVGY3TQOJQ', issuer: 'Bank', sites: ['bank.example'] })]);
    expect(await handlers['autofill/probe'](null, page('https://github.com/'))).toEqual({ fillable: true, locked: false, bound: 0, autoFill: false });
    expect(await handlers['autofill/probe'](null, page('https://online.bank.example/'))).toEqual({ fillable: true, locked: false, bound: 1, autoFill: false });
    expect(await handlers['autofill/probe'](null, page('http://bank.example/'))).toEqual({ fillable: false, locked: false, bound: 0, autoFill: false });
    await vault.lock();
    expect(await handlers['autofill/probe'](null, page('https://bank.example/'))).toEqual({ fillable: true, locked: true, bound: 0, autoFill: false });
  });

  it('only a content script asks for a code: the popup cannot read one through the page’s messages', async () => {
    const { vault, handlers } = await setup();
    await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', sites: ['github.com'] })]);
    const popup: ExtensionPageSender = { kind: 'extension-page', url: 'chrome-extension://x/popup.html' };
    await expect(routeTo(handlers)('autofill/code', {}, popup)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('picking an account of another site through a forged pick gets nothing and binds nothing', async () => {
    const { vault, handlers } = await setup();
    const [bank] = await vault.add([makeDraft({ secret: 'GEZDGNBVGY3TQOJQ', issuer: 'Bank', sites: ['bank.example'] })]);
    expect(await handlers['autofill/pick']({ id: bank!.id }, page('https://evil.example/'))).toMatchObject({ kind: 'none' });
    expect((await vault.get(bank!.id)).sites).toEqual(['bank.example']);
  });

  it('never hands out the same step’s code twice: the next request waits for the next step', async () => {
    const start = 1_700_000_020_000; // 10 s into a 30 s step
    const { vault, handlers, clock } = await setup(start);
    const [bank] = await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Bank', sites: ['bank.example'] })]);
    const first = await handlers['autofill/code']({}, page('https://bank.example/'));
    expect(first).toMatchObject({ kind: 'code', code: generateCode(bank!, start) });
    clock.now += 5_000;
    expect(await handlers['autofill/code']({}, page('https://bank.example/'))).toEqual({ kind: 'wait', accountId: bank!.id, label: 'Bank', retryInMs: 15_000 });
    // The chooser's pick and the popup's trigger (a named account) obey the same rule.
    expect(await handlers['autofill/pick']({ id: bank!.id }, page('https://bank.example/'))).toMatchObject({ kind: 'wait', retryInMs: 15_000 });
    clock.now += 15_000; // the next step
    const second = await handlers['autofill/code']({ preferredId: bank!.id }, page('https://bank.example/'));
    expect(second).toMatchObject({ kind: 'code', code: generateCode(bank!, start + 20_000) });
    expect((second as { code: string }).code).not.toBe((first as { code: string }).code);
  });

  it('concurrent requests in one step: one code, the other waits', async () => {
    const { vault, handlers } = await setup();
    await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Bank', sites: ['bank.example'] })]);
    const answers = await Promise.all([0, 1, 2].map(() => handlers['autofill/code']({}, page('https://bank.example/'))));
    expect(answers.map((a) => a.kind).sort()).toEqual(['code', 'wait', 'wait']);
  });

  it('the handed-out step survives a restarted background (session storage) and counts per account', async () => {
    const sessions = { handedOutSteps: memoryMap<number>(), bindRequests: memoryMap<BindRequest>() };
    const { vault, handlers, makeHandlers } = await setup(1_700_000_010_000, sessions);
    const [bank, other] = await vault.add([
      makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Bank', sites: ['bank.example'] }),
      makeDraft({ secret: 'GEZDGNBVGY3TQOJQ', issuer: 'Shop', sites: ['shop.example'] }),
    ]);
    expect(await handlers['autofill/code']({}, page('https://bank.example/'))).toMatchObject({ kind: 'code' });
    const restarted = makeHandlers();
    expect(await restarted['autofill/code']({}, page('https://bank.example/'))).toMatchObject({ kind: 'wait', accountId: bank!.id });
    expect(await restarted['autofill/code']({}, page('https://shop.example/'))).toMatchObject({ kind: 'code', accountId: other!.id });
  });

  it('near the end of a step the fresh-code wait applies, and that later step is the one remembered', async () => {
    const { vault, handlers, clock, slept } = await setup(1_700_000_038_500);
    const [bank] = await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Bank', sites: ['bank.example'] })]);
    expect(await handlers['autofill/code']({}, page('https://bank.example/'))).toMatchObject({ kind: 'code', code: generateCode(bank!, 1_700_000_040_000) });
    expect(slept).toHaveLength(1);
    expect(await handlers['autofill/code']({}, page('https://bank.example/'))).toMatchObject({ kind: 'wait', retryInMs: 1_700_000_070_000 - clock.now });
  });
});

describe('the other languages’ words', () => {
  it('are given to a content script, locked vault or not: they hold no secret and say nothing about accounts', async () => {
    const { handlers } = await setup();
    const rows = await handlers['autofill/words'](null, page('https://example.jp/login'));
    expect(Object.keys(rows)).toContain('ja');
    expect(rows.ja?.strong).toContain('認証コード');
  });
});
