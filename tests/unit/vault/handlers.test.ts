import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import type { ExtensionPageSender } from '@/lib/messaging/types';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';
import { createVaultHandlers } from '@/lib/vault/handlers';
import { makeVault, TEST_COST } from './helpers';

const POPUP: ExtensionPageSender = { kind: 'extension-page', url: 'chrome-extension://abc/popup.html' };

async function setup() {
  const { vault } = await makeVault();
  await vault.create('test passphrase', TEST_COST);
  return { vault, handlers: createVaultHandlers({ vault, loadSettings: async () => DEFAULT_SETTINGS }) };
}

describe('vault/setKdf', () => {
  it('re-wraps the key with the preset (the passphrase still unlocks) and reports the measured unlock time', async () => {
    const { vault, handlers } = await setup();
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
    const { handlers } = await setup();
    await expect(handlers['vault/setKdf']({ passphrase: 'wrong passphrase', preset: 'light' }, POPUP)).rejects.toMatchObject({ code: 'wrong_passphrase' });
    expect((await handlers['vault/kdfInfo'](null, POPUP)).memoryKiB).toBe(TEST_COST.memoryKiB);
  });

  it('refuses an unknown preset name', async () => {
    const { handlers } = await setup();
    const bogus = JSON.parse('{"passphrase":"test passphrase","preset":"__proto__"}') as { passphrase: string; preset: 'light' };
    const refused = handlers['vault/setKdf'](bogus, POPUP);
    await expect(refused).rejects.toBeInstanceOf(AppError);
    // The exact code, not any AppError: an unknown preset has a code of its own.
    await expect(refused).rejects.toMatchObject({ code: 'unknown_kdf_preset' });
  });
});
