import { browser } from 'wxt/browser';
import type { SessionMap } from './session-map';

/**
 * A SessionMap in `storage.session`: memory only, emptied when the browser stops, survives a stopped
 * service worker, and unreadable by content scripts (the background sets the access level to
 * TRUSTED_CONTEXTS at start, which is also Chrome's default; Firefox never exposes it to content scripts).
 */
export function sessionMap<T>(storageKey: string): SessionMap<T> {
  const read = async () => ((await browser.storage.session.get(storageKey))[storageKey] as Record<string, T> | undefined) ?? {};
  return {
    get: async (key) => (await read())[key],
    async set(key, value) {
      await browser.storage.session.set({ [storageKey]: { ...(await read()), [key]: value } });
    },
    async delete(key) {
      const { [key]: _gone, ...rest } = await read();
      await browser.storage.session.set({ [storageKey]: rest });
    },
    entries: async () => Object.entries(await read()),
  };
}
