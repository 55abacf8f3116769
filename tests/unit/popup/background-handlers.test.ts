import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { createHandlers, type AllDeps } from '@/lib/messaging/handlers';
import type { SenderContext } from '@/lib/messaging/sender';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';
import { memoryMap } from '@/lib/autofill/session-map';
import { makeVault, TEST_COST } from '../vault/helpers';

const POPUP: SenderContext = { kind: 'extension-page', url: 'chrome-extension://abc/popup.html' };
const SERVER_NOW = Date.parse('Mon, 23 Nov 2026 10:00:00 GMT');
const unused = async (): Promise<never> => {
  throw new Error('not used by these handlers');
};

async function setup(tabUrl: string | null) {
  const { vault } = await makeVault();
  await vault.create('test passphrase', TEST_COST);
  const asked: string[] = [];
  const deps: AllDeps = {
    vault,
    now: () => SERVER_NOW + 42_500, // this computer is 42 s fast
    loadSettings: async () => DEFAULT_SETTINGS,
    saveSettings: async () => DEFAULT_SETTINGS,
    onActivity: () => undefined,
    fetchDate: async (url) => {
      asked.push(url);
      return 'Mon, 23 Nov 2026 10:00:00 GMT';
    },
    activeTab: async () => (tabUrl ? { id: 1, url: tabUrl } : null),
    choices: { get: async () => undefined, set: async () => undefined },
    openUnlockWindow: async () => undefined,
    triggerFill: async () => false,
    injectFillUi: async () => undefined,
    openBindWindow: unused,
    focusWindow: unused,
    handedOutSteps: memoryMap<number>(),
    bindRequests: memoryMap(),
    injectScanner: unused,
    qrTextOfUrl: unused,
    scanActiveTab: unused,
  };
  return { vault, handlers: createHandlers(deps), asked };
}

describe('clock/check', () => {
  it('measures the offset against the active tab’s own site, asking nobody else', async () => {
    const { handlers, asked } = await setup('https://bank.example/login');
    expect(await handlers['clock/check'](null, POPUP)).toEqual({ status: 'checked', site: 'bank.example', offsetSeconds: -42, uncertaintySeconds: 1 });
    expect(asked).toEqual(['https://bank.example/login']);
  });

  it('does not fetch when no web page is active', async () => {
    const { handlers, asked } = await setup('chrome://newtab/');
    expect(await handlers['clock/check'](null, POPUP)).toEqual({ status: 'unavailable', reason: 'no_site' });
    expect(asked).toEqual([]);
  });
});

describe('vault/setKdf', () => {
  it('re-wraps the key with the preset (the passphrase still unlocks) and reports the measured unlock time', async () => {
    const { vault, handlers } = await setup(null);
    expect((await handlers['vault/kdfInfo'](null, POPUP)).preset).toBe('custom');
    const result = await handlers['vault/setKdf']({ passphrase: 'test passphrase', preset: 'light' }, POPUP);
    expect(result.preset).toBe('light');
    expect(result.unlockMs).toBeGreaterThan(0);
    expect(await handlers['vault/kdfInfo'](null, POPUP)).toEqual({ preset: 'light', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 });
    await vault.lock();
    await vault.unlock('test passphrase');
    expect(await vault.status()).toBe('unlocked');
  });

  it('refuses a wrong passphrase and leaves the parameters alone', async () => {
    const { handlers } = await setup(null);
    await expect(handlers['vault/setKdf']({ passphrase: 'wrong passphrase', preset: 'light' }, POPUP)).rejects.toMatchObject({ code: 'wrong_passphrase' });
    expect((await handlers['vault/kdfInfo'](null, POPUP)).memoryKiB).toBe(TEST_COST.memoryKiB);
  });

  it('refuses an unknown preset name', async () => {
    const { handlers } = await setup(null);
    const bogus = JSON.parse('{"passphrase":"test passphrase","preset":"__proto__"}') as { passphrase: string; preset: 'light' };
    await expect(handlers['vault/setKdf'](bogus, POPUP)).rejects.toBeInstanceOf(AppError);
  });
});
