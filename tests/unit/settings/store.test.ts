/**
 * Issue #10, finding 4: settings, the unlock limiter and remembered choices leave storage.local (which content
 * scripts read and write) for the extension's IndexedDB; choices are sealed under the master key.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { siteChoices, type PendingChoices, type SiteChoiceMap } from '@/lib/settings/choices';
import { LEGACY_KEYS, migrateStorageLocal, type LegacyArea } from '@/lib/settings/migrate';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';
import { settingsStore } from '@/lib/settings/store';
import { openVaultDb, storedAttempts, VaultStore } from '@/lib/vault/store';
import { makeVault, TEST_COST } from '../vault/helpers';

const PASS = 'correct horse battery';

async function freshStore() {
  return new VaultStore(await openVaultDb(`settings-${Math.random()}`));
}

/** storage.local as the old versions left it. */
function legacyArea(initial: Record<string, unknown>): LegacyArea & { data: Record<string, unknown> } {
  const data = { ...initial };
  return {
    data,
    async get(keys) {
      return Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k]]));
    },
    async remove(keys) {
      for (const key of keys) delete data[key];
    },
  };
}

function memoryPending(): PendingChoices & { value: SiteChoiceMap | null } {
  return {
    value: null,
    async take() {
      const value = this.value;
      this.value = null;
      return value;
    },
    async put(choices) {
      this.value = choices;
    },
  };
}

describe('settings store', () => {
  it('starts at the defaults, saves a patch, keeps only valid values', async () => {
    const settings = settingsStore(await freshStore());
    expect(await settings.load()).toEqual(DEFAULT_SETTINGS);
    expect(await settings.save({ autoLockMinutes: 5, theme: 'dark' })).toMatchObject({ autoLockMinutes: 5, theme: 'dark' });
    expect(await settings.save({ autoLockMinutes: -3 } as never)).toMatchObject({ autoLockMinutes: 15 });
    expect(await settings.load()).toMatchObject({ theme: 'dark', autoLockMinutes: 15 });
  });

  it('two changes made at once both stick', async () => {
    const settings = settingsStore(await freshStore());
    await Promise.all([settings.save({ lockOnIdle: false }), settings.save({ clearClipboard: false }), settings.save({ theme: 'light' })]);
    expect(await settings.load()).toMatchObject({ lockOnIdle: false, clearClipboard: false, theme: 'light' });
  });
});

describe('migration from storage.local', () => {
  it('moves settings and the limiter once, hands choices over for sealing, and removes every old key', async () => {
    const store = await freshStore();
    const legacy = legacyArea({
      settings: { autoLockMinutes: 30, lockOnIdle: false, theme: 'dark' },
      autofillChoices: { 'bank.example': 'id-2', 'bad.example': 42 },
      'vault.unlockAttempts': { failures: 4, retryAt: 9_000 },
      unrelated: 'kept',
    });
    const pending = memoryPending();
    await migrateStorageLocal(legacy, store, pending);
    expect(await settingsStore(store).load()).toMatchObject({ autoLockMinutes: 30, lockOnIdle: false, theme: 'dark' });
    expect(await storedAttempts(store).load()).toEqual({ failures: 4, retryAt: 9_000 });
    expect(pending.value).toEqual({ 'bank.example': 'id-2' });
    expect(Object.keys(legacy.data)).toEqual(['unrelated']);
    for (const key of LEGACY_KEYS) expect(legacy.data).not.toHaveProperty(key);
  });

  it('after the first run, what a page writes under the old names is ignored and removed', async () => {
    const store = await freshStore();
    await migrateStorageLocal(legacyArea({}), store, memoryPending());
    const attack = legacyArea({ settings: { autoFill: true, lockOnIdle: false, autoLockMinutes: 0 }, 'vault.unlockAttempts': { failures: 99, retryAt: 1e15 }, autofillChoices: { 'evil.example': 'x' } });
    const pending = memoryPending();
    await migrateStorageLocal(attack, store, pending);
    expect(await settingsStore(store).load()).toEqual(DEFAULT_SETTINGS);
    expect(await storedAttempts(store).load()).toEqual({ failures: 0, retryAt: 0 });
    expect(pending.value).toBeNull();
    expect(attack.data).toEqual({});
  });

  it('never shortens a delay already in the database', async () => {
    const store = await freshStore();
    await storedAttempts(store).save({ failures: 6, retryAt: 50_000 });
    await migrateStorageLocal(legacyArea({ 'vault.unlockAttempts': { failures: 0, retryAt: 0 } }), store, memoryPending());
    expect(await storedAttempts(store).load()).toEqual({ failures: 6, retryAt: 50_000 });
  });
});

describe('remembered site choices', () => {
  it('are sealed under the master key, readable only while unlocked, and absorb migrated ones at first use', async () => {
    const { vault, store } = await makeVault();
    await vault.create(PASS, TEST_COST);
    const pending = memoryPending();
    pending.value = { 'old.example': 'id-old', 'bank.example': 'id-stale' };
    const choices = siteChoices(vault, pending);
    await choices.set('bank.example', 'id-1');
    expect(await choices.get('bank.example')).toBe('id-1');
    expect(await choices.get('old.example')).toBe('id-old');
    expect(pending.value).toBeNull();
    const sealed = await store.getPrivate('siteChoices');
    expect(Buffer.from(sealed!.ciphertext).toString('latin1')).not.toMatch(/bank\.example|old\.example/);
    await vault.lock();
    await expect(choices.get('bank.example')).rejects.toMatchObject({ code: 'vault_locked' });
  });
});
