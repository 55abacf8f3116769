import { describe, expect, it } from 'vitest';
import { createAutofillHandlers, type BindRequest } from '@/lib/autofill/handlers';
import { memoryMap } from '@/lib/autofill/session-map';
import type { ContentScriptSender } from '@/lib/messaging/types';
import { generateCode } from '@/lib/otp/codes';
import { createEnrolHandlers } from '@/lib/qr/handlers';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';
import { makeVault, TEST_COST } from '../vault/helpers';

// Which site an account enrolled from a page is bound to (enrol/add), and the code it hands out.
const LINK = 'otpauth://totp/Bank:alice?secret=JBSWY3DPEHPK3PXP&issuer=Bank';
const page = (url: string, origin = new URL(url).origin): ContentScriptSender => ({ kind: 'content-script', url, origin, tabId: 1, frameId: 0, topUrl: url });
const unused = async (): Promise<never> => {
  throw new Error('not used here');
};

async function setup() {
  const clock = { now: 1_700_000_020_000 }; // 10 s into a 30 s step
  const { vault } = await makeVault(clock);
  await vault.create('test passphrase', TEST_COST);
  const deps = {
    vault,
    now: () => clock.now,
    loadSettings: async () => DEFAULT_SETTINGS,
    saveSettings: async () => DEFAULT_SETTINGS,
    onActivity: () => undefined,
    injectScanner: unused,
    qrTextOfUrl: unused,
    qrTextOfScreenRegion: unused,
    scanActiveTab: unused,
    openUnlockWindow: async () => undefined,
    choices: { get: async () => undefined, set: async () => undefined },
    activeTab: async () => null,
    triggerFill: async () => false,
    injectFillUi: async () => undefined,
    openBindWindow: async () => 1,
    focusWindow: async () => true,
    handedOutSteps: memoryMap<number>(),
    bindRequests: memoryMap<BindRequest>(),
  };
  return { vault, clock, enrol: createEnrolHandlers(deps), autofill: createAutofillHandlers(deps) };
}

describe('enrol/add binds only a site the page provably is', () => {
  it('an HTTPS set-up page: bound to its registrable domain', async () => {
    const { vault, enrol } = await setup();
    await enrol['enrol/add']({ links: [LINK] }, page('https://secure.bank.example/2fa/setup'));
    expect((await vault.contents()).accounts.map((a) => a.sites)).toEqual([['bank.example']]);
  });

  it('a plain-HTTP set-up page: refused with a clear error, nothing added', async () => {
    const { vault, enrol } = await setup();
    await expect(enrol['enrol/add']({ links: [LINK] }, page('http://bank.example/2fa/setup'))).rejects.toMatchObject({
      code: 'enrol_refused',
      params: { reason: 'enrol_needs_https' },
    });
    expect((await vault.contents()).accounts).toEqual([]);
  });

  it('plain HTTP on this computer: bound with its scheme, so never filled on the HTTPS site', async () => {
    const { vault, enrol, autofill } = await setup();
    await enrol['enrol/add']({ links: [LINK] }, page('http://localhost:3000/setup'));
    expect((await vault.contents()).accounts.map((a) => a.sites)).toEqual([['http://localhost']]);
    expect(await autofill['autofill/probe'](null, page('https://localhost/signin'))).toMatchObject({ bound: 0 });
    expect(await autofill['autofill/probe'](null, page('http://localhost:3000/signin'))).toMatchObject({ bound: 1 });
  });

  it('a sandboxed frame (opaque origin) at the site’s address: refused', async () => {
    const { vault, enrol } = await setup();
    await expect(enrol['enrol/add']({ links: [LINK] }, page('https://bank.example/preview', 'null'))).rejects.toMatchObject({ code: 'enrol_refused', params: { reason: 'sandboxed_frame' } });
    expect((await vault.contents()).accounts).toEqual([]);
  });

  it('the confirmation code it fills counts as handed out: a fill in the same step waits for the next', async () => {
    const { vault, enrol, autofill, clock } = await setup();
    const added = await enrol['enrol/add']({ links: [LINK] }, page('https://bank.example/setup'));
    const [account] = (await vault.contents()).accounts;
    expect(added.code).toBe(generateCode(account!, clock.now));
    clock.now += 5_000;
    expect(await autofill['autofill/code']({}, page('https://bank.example/signin'))).toMatchObject({ kind: 'wait', retryInMs: 15_000 });
    clock.now += 15_000;
    expect(await autofill['autofill/code']({}, page('https://bank.example/signin'))).toMatchObject({ kind: 'code', code: generateCode(account!, clock.now) });
  });
});
