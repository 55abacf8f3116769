import { browser } from 'wxt/browser';
import { fromBase64, toBase64 } from './bytes';
import type { PendingChoices, SiteChoiceMap } from '@/lib/settings/choices';
import type { SessionKeyStore } from './vault';

/**
 * The vault's browser-backed stores. The master key goes to `storage.session`: memory only, cleared
 * when the browser stops, and (access level TRUSTED_CONTEXTS) unreadable by content scripts. It lets a
 * stopped service worker come back unlocked without keeping anything on disk.
 */
const MASTER_KEY = 'vault.masterKey';
const PENDING_CHOICES = 'pendingSiteChoices';

/**
 * TRUSTED_CONTEXTS is Chrome's default for storage.session; saying so explicitly keeps it if that default
 * ever changes. Firefox has no setAccessLevel (and never exposes storage.session to content scripts).
 */
export async function restrictSessionStorage(): Promise<void> {
  // Firefox has no setAccessLevel: there storage.session is never exposed to content scripts at all.
  const session = browser.storage.session as Partial<Pick<typeof browser.storage.session, 'setAccessLevel'>>;
  if (typeof session.setAccessLevel !== 'function') return;
  await session.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
}

export const sessionKeyStore: SessionKeyStore = {
  async load() {
    const stored = (await browser.storage.session.get(MASTER_KEY))[MASTER_KEY];
    return typeof stored === 'string' ? fromBase64(stored) : null;
  },
  async save(rawKey) {
    await browser.storage.session.set({ [MASTER_KEY]: toBase64(rawKey) });
  },
  async clear() {
    await browser.storage.session.remove(MASTER_KEY);
  },
};

/** Remembered choices migrated from storage.local while locked: held in memory until the next unlock seals them. */
export const pendingChoices: PendingChoices = {
  async take() {
    const stored = (await browser.storage.session.get(PENDING_CHOICES))[PENDING_CHOICES] as SiteChoiceMap | undefined;
    if (stored === undefined) return null;
    await browser.storage.session.remove(PENDING_CHOICES);
    return stored;
  },
  async put(choices) {
    await browser.storage.session.set({ [PENDING_CHOICES]: choices });
  },
};
