import { browser } from 'wxt/browser';
import { fromBase64, toBase64 } from './bytes';
import type { AttemptState, AttemptStore, SessionKeyStore } from './vault';

/**
 * The vault's browser-backed stores. The master key goes to `storage.session`: memory only, cleared
 * when the browser stops, and (access level TRUSTED_CONTEXTS) unreadable by content scripts. It lets a
 * stopped service worker come back unlocked without keeping anything on disk.
 */
const MASTER_KEY = 'vault.masterKey';
const ATTEMPTS = 'vault.unlockAttempts';

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

/** Failed-unlock bookkeeping survives restarts so closing the popup does not reset the delay. */
export const attemptStore: AttemptStore = {
  async load() {
    const stored = (await browser.storage.local.get(ATTEMPTS))[ATTEMPTS] as AttemptState | undefined;
    return stored ?? { failures: 0, retryAt: 0 };
  },
  async save(state) {
    await browser.storage.local.set({ [ATTEMPTS]: state });
  },
};
