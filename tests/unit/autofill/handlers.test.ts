import { describe, expect, it } from 'vitest';
import { createAutofillHandlers } from '@/lib/autofill/handlers';
import type { SenderContext } from '@/lib/messaging/sender';
import { makeDraft } from '@/lib/otp/account';
import { generateCode } from '@/lib/otp/codes';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';
import { makeVault, TEST_COST } from '../vault/helpers';

const page = (url: string, topUrl = url): SenderContext => ({ kind: 'content-script', url, origin: new URL(url).origin, tabId: 1, frameId: 0, topUrl });

async function setup(nowMs = 1_700_000_010_000) {
  const clock = { now: nowMs };
  const { vault } = await makeVault(clock);
  await vault.create('test passphrase', TEST_COST);
  const slept: number[] = [];
  const choices = new Map<string, string>();
  const handlers = createAutofillHandlers({
    vault,
    now: () => clock.now,
    loadSettings: async () => DEFAULT_SETTINGS,
    saveSettings: async () => DEFAULT_SETTINGS,
    onActivity: () => undefined,
    choices: { get: async (site) => choices.get(site), set: async (site, id) => void choices.set(site, id) },
    openUnlockWindow: async () => undefined,
    activeTab: async () => ({ id: 1, url: 'https://github.com/login' }),
    triggerFill: async () => true,
    sleep: async (ms) => {
      slept.push(ms);
      clock.now += ms;
    },
  });
  return { vault, handlers, clock, slept, choices };
}

describe('autofill decisions in the background', () => {
  it('gives the bound account’s current code to its own site only', async () => {
    const { vault, handlers, clock } = await setup();
    const [github] = await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', sites: ['github.com'] })]);
    const decision = await handlers['autofill/code']({}, page('https://github.com/sessions/two-factor'));
    expect(decision).toEqual({ kind: 'code', code: generateCode(github!, clock.now), accountId: github!.id, label: 'GitHub' });
    expect(await handlers['autofill/code']({}, page('https://github.com.evil.io/'))).toMatchObject({ kind: 'none' });
    expect(await handlers['autofill/code']({}, page('https://github.com/frame', 'https://evil.io/'))).toEqual({ kind: 'none', reason: 'the field is in a frame of another site' });
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

  it('several accounts: asks, then remembers the choice for the site', async () => {
    const { vault, handlers } = await setup();
    const [work, personal] = await vault.add([
      makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', name: 'work', sites: ['github.com'] }),
      makeDraft({ secret: 'GEZDGNBVGY3TQOJQ', issuer: 'GitHub', name: 'personal', sites: ['github.com'] }),
    ]);
    expect(await handlers['autofill/code']({}, page('https://github.com/'))).toEqual({ kind: 'choose', options: [{ id: work!.id, label: 'GitHub — work' }, { id: personal!.id, label: 'GitHub — personal' }] });
    await handlers['autofill/pick']({ id: personal!.id, bind: false }, page('https://github.com/'));
    expect(await handlers['autofill/code']({}, page('https://github.com/'))).toMatchObject({ kind: 'code', label: 'GitHub — personal' });
  });

  it('an unbound imported account is offered by issuer and bound only when the person confirms', async () => {
    const { vault, handlers } = await setup();
    const [imported] = await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub' })]);
    expect(await handlers['autofill/code']({}, page('https://login.github.com/'))).toEqual({ kind: 'confirm', site: 'github.com', options: [{ id: imported!.id, label: 'GitHub' }] });
    expect(await handlers['autofill/pick']({ id: imported!.id, bind: false }, page('https://github.com/'))).toMatchObject({ kind: 'none' });
    expect(await handlers['autofill/pick']({ id: imported!.id, bind: true }, page('https://gitlab.com/'))).toMatchObject({ kind: 'none' });
    expect(await handlers['autofill/pick']({ id: imported!.id, bind: true }, page('https://github.com/'))).toMatchObject({ kind: 'code' });
    expect((await vault.get(imported!.id)).sites).toEqual(['github.com']);
  });

  it('the popup fills the active tab only with an account bound to that tab’s site', async () => {
    const { vault, handlers } = await setup();
    const [github, bank] = await vault.add([
      makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', sites: ['github.com'] }),
      makeDraft({ secret: 'GEZDGNBVGY3TQOJQ', issuer: 'Bank', sites: ['bank.example'] }),
    ]);
    const popup: SenderContext = { kind: 'extension-page', url: 'chrome-extension://x/popup.html' };
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
    await expect(handlers['autofill/fillActiveTab']({ id: 'x' }, page('https://github.com/'))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('a page asking for an e-mailed or SMS code gets a code only from an account bound to the site', async () => {
    const { vault, handlers } = await setup();
    const [imported] = await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub' })]);
    expect(await handlers['autofill/code']({ sent: true }, page('https://github.com/'))).toEqual({
      kind: 'none',
      reason: 'the page asks for a code sent by e-mail or SMS, and no account is bound to github.com',
    });
    await vault.update(imported!.id, { sites: ['github.com'] });
    expect(await handlers['autofill/code']({ sent: true }, page('https://github.com/'))).toMatchObject({ kind: 'code', accountId: imported!.id });
  });

  it('the probe counts bound accounts apart from issuer candidates, and says nothing on refused pages', async () => {
    const { vault, handlers } = await setup();
    await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub' }), makeDraft({ secret: 'GEZDGNBVGY3TQOJQ', issuer: 'Bank', sites: ['bank.example'] })]);
    expect(await handlers['autofill/probe'](null, page('https://github.com/'))).toEqual({ fillable: true, locked: false, accounts: 1, bound: 0, autoFill: false });
    expect(await handlers['autofill/probe'](null, page('https://online.bank.example/'))).toEqual({ fillable: true, locked: false, accounts: 1, bound: 1, autoFill: false });
    expect(await handlers['autofill/probe'](null, page('http://bank.example/'))).toEqual({ fillable: false, locked: false, accounts: 0, bound: 0, autoFill: false });
    await vault.lock();
    expect(await handlers['autofill/probe'](null, page('https://bank.example/'))).toEqual({ fillable: true, locked: true, accounts: 0, bound: 0, autoFill: false });
  });

  it('only a content script asks for a code: the popup cannot read one through the page’s messages', async () => {
    const { vault, handlers } = await setup();
    await vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', sites: ['github.com'] })]);
    const popup: SenderContext = { kind: 'extension-page', url: 'chrome-extension://x/popup.html' };
    await expect(handlers['autofill/code']({}, popup)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('picking an account of another site through a forged pick gets nothing and binds nothing', async () => {
    const { vault, handlers } = await setup();
    const [bank] = await vault.add([makeDraft({ secret: 'GEZDGNBVGY3TQOJQ', issuer: 'Bank', sites: ['bank.example'] })]);
    expect(await handlers['autofill/pick']({ id: bank!.id, bind: true }, page('https://evil.example/'))).toMatchObject({ kind: 'none' });
    expect((await vault.get(bank!.id)).sites).toEqual(['bank.example']);
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
