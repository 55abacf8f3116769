import type { StateStore } from '@/lib/vault/store';
import { sanitizeSettings, type Settings } from './settings';

const KEY = 'settings';

/**
 * Settings in the extension's own IndexedDB (the vault database's `state` store): only the extension's
 * pages and worker can open it, so no page or content script can turn auto-fill on or auto-lock off.
 */
export interface SettingsStore {
  load(): Promise<Settings>;
  save(patch: Partial<Settings>): Promise<Settings>;
}

export function settingsStore(state: StateStore): SettingsStore {
  const load = async () => sanitizeSettings(await state.getState(KEY));
  // Saves one after another, so two quick changes (two checkboxes) do not overwrite each other.
  let queue: Promise<unknown> = Promise.resolve();
  const save = (patch: Partial<Settings>): Promise<Settings> => {
    const saved = queue.then(async () => {
      const next = sanitizeSettings({ ...(await load()), ...patch });
      await state.putState(KEY, next);
      return next;
    });
    queue = saved.catch(() => undefined);
    return saved;
  };
  return { load, save };
}
