import { describe, expect, it } from 'vitest';
import type { ContentScriptSender, ExtensionPageSender } from '@/lib/messaging/types';
import { memoryMap } from '@/lib/autofill/session-map';
import { createEnrolHandlers } from '@/lib/qr/handlers';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';
import { makeVault, TEST_COST } from '../vault/helpers';
import { routeTo } from '../support/route';

// Every enrolment message: what it does for the sender it is meant for, that the router refuses the others
// (the protocol map's senders), and the error code bad input gets.
const PAGE: ContentScriptSender = { kind: 'content-script', url: 'https://shop.example/2fa', origin: 'https://shop.example', tabId: 4, frameId: 2, topUrl: 'https://shop.example/2fa' };
const POPUP: ExtensionPageSender = { kind: 'extension-page', url: 'chrome-extension://x/popup.html' };
const LINK = 'otpauth://totp/Shop:alice?secret=JBSWY3DPEHPK3PXP&issuer=Shop';

async function setup() {
  const { vault } = await makeVault();
  await vault.create('test passphrase', TEST_COST);
  const fetched: string[] = [];
  const injected: { tabId: number; frameId: number }[] = [];
  const scans: number[] = [];
  const unlockWindows: number[] = [];
  const handedOutSteps = memoryMap<number>();
  const handlers = createEnrolHandlers({
    vault,
    loadSettings: async () => DEFAULT_SETTINGS,
    qrTextOfUrl: async (url: string) => {
      fetched.push(url);
      return 'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP';
    },
    injectScanner: async (tabId, frameId) => void injected.push({ tabId, frameId }),
    scanActiveTab: async () => {
      scans.push(1);
      return { found: 1, status: 'found' };
    },
    openUnlockWindow: async () => void unlockWindows.push(1),
    handedOutSteps,
  });
  return { vault, handlers, route: routeTo(handlers), fetched, injected, scans, unlockWindows, handedOutSteps };
}

describe('enrol/decodeImageUrl: what a page may have the background read', () => {
  it('fetches a public HTTPS image, and nothing on plain HTTP or in the person’s network', async () => {
    const { handlers, fetched } = await setup();
    expect(await handlers['enrol/decodeImageUrl']({ url: 'https://cdn.other.example/qr.png' }, PAGE)).toEqual({ text: 'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP' });
    for (const url of ['http://cdn.other.example/qr.png', 'http://nas.intranet/qr.png', 'https://192.168.1.1/qr.png', 'https://localhost/qr.png']) {
      expect(await handlers['enrol/decodeImageUrl']({ url }, PAGE)).toEqual({ text: null });
    }
    expect(fetched).toEqual(['https://cdn.other.example/qr.png']);
  });

  it('answers a non-text address with nothing, fetching nothing', async () => {
    const { handlers, fetched } = await setup();
    const bogus = JSON.parse('{"url":{"href":"https://cdn.other.example/qr.png"}}') as { url: string };
    expect(await handlers['enrol/decodeImageUrl'](bogus, PAGE)).toEqual({ text: null });
    expect(fetched).toEqual([]);
  });

  it('has no way to read the screen', async () => {
    const { handlers } = await setup();
    expect(Object.keys(handlers)).not.toContain('enrol/decodeScreenRegion');
  });

  it('answers only content scripts', async () => {
    const { route, fetched } = await setup();
    await expect(route('enrol/decodeImageUrl', { url: 'https://cdn.other.example/qr.png' }, POPUP)).rejects.toMatchObject({ code: 'forbidden' });
    expect(fetched).toEqual([]);
  });
});

describe('enrol/scanMe', () => {
  it('injects the scanner into the asking frame of the asking tab only', async () => {
    const { route, injected } = await setup();
    expect(await route('enrol/scanMe', null, PAGE)).toBeNull();
    expect(injected).toEqual([{ tabId: 4, frameId: 2 }]);
  });

  it('is refused to an extension page', async () => {
    const { route, injected } = await setup();
    await expect(route('enrol/scanMe', null, POPUP)).rejects.toMatchObject({ code: 'forbidden' });
    expect(injected).toEqual([]);
  });
});

describe('enrol/add', () => {
  it('adds the page’s account bound to its site and hands out its one code', async () => {
    const { vault, route, handedOutSteps } = await setup();
    const result = await route('enrol/add', { links: [LINK] }, PAGE);
    expect(result).toMatchObject({ locked: false, added: [{ issuer: 'Shop', name: 'alice' }], duplicates: [] });
    expect(result.code).toMatch(/^\d{6}$/);
    const { accounts } = await vault.contents();
    expect(accounts.map((a) => a.sites)).toEqual([['shop.example']]);
    expect(await handedOutSteps.get(accounts[0]!.id)).toBeTypeOf('number');
    // The same link again: a duplicate, nothing added, no code.
    expect(await route('enrol/add', { links: [LINK] }, PAGE)).toEqual({ locked: false, added: [], duplicates: [{ issuer: 'Shop', name: 'alice' }], code: null });
  });

  it('while locked: opens the unlock window and adds nothing', async () => {
    const { vault, route, unlockWindows } = await setup();
    await vault.lock();
    expect(await route('enrol/add', { links: [LINK] }, PAGE)).toEqual({ locked: true, added: [], duplicates: [], code: null });
    expect(unlockWindows).toHaveLength(1);
  });

  it('refuses a link that is not an otpauth link with its code, adding nothing', async () => {
    const { vault, route } = await setup();
    await expect(route('enrol/add', { links: ['https://shop.example/not-a-link'] }, PAGE)).rejects.toMatchObject({ code: 'bad_otpauth_uri' });
    expect((await vault.contents()).accounts).toEqual([]);
  });

  it('is refused to an extension page: an account is bound only to the page that showed it', async () => {
    const { vault, route } = await setup();
    await expect(route('enrol/add', { links: [LINK] }, POPUP)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await vault.contents()).accounts).toEqual([]);
  });
});

describe('enrol/scanActiveTab', () => {
  it('runs the detection for the popup', async () => {
    const { route, scans } = await setup();
    expect(await route('enrol/scanActiveTab', null, POPUP)).toEqual({ found: 1, status: 'found' });
    expect(scans).toHaveLength(1);
  });

  it('is refused to a page', async () => {
    const { route, scans } = await setup();
    await expect(route('enrol/scanActiveTab', null, PAGE)).rejects.toMatchObject({ code: 'forbidden' });
    expect(scans).toEqual([]);
  });
});
