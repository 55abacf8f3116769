import { browser } from 'wxt/browser';
import { migrateStorageLocal } from '@/lib/settings/migrate';
import { settingsStore } from '@/lib/settings/store';
import { pendingChoices, restrictSessionStorage, sessionKeyStore } from './browser-stores';
import { openVaultDb, storedAttempts, VaultStore } from './store';
import { Vault } from './vault';

/**
 * The background's vault and settings. Settings, the unlock limiter and (sealed) remembered choices live in the
 * extension's IndexedDB, out of reach of content scripts; older versions kept them in storage.local, moved here once.
 */
export async function openBrowserVault() {
  await restrictSessionStorage().catch((error: unknown) => console.error('Keyring: storage.session access level', error));
  const store = new VaultStore(await openVaultDb());
  // A failed migration leaves the defaults in place; it must not keep the vault from opening.
  await migrateStorageLocal(browser.storage.local, store, pendingChoices).catch((error: unknown) => console.error('Keyring: moving settings out of storage.local failed', error));
  return { vault: new Vault(store, sessionKeyStore, storedAttempts(store)), settings: settingsStore(store) };
}
