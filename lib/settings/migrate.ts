import { UNLOCK_ATTEMPTS_KEY, type StateStore } from '@/lib/vault/store';
import type { AttemptState } from '@/lib/vault/vault';
import { sanitizeChoices, type PendingChoices } from './choices';
import { sanitizeSettings } from './settings';

/** What versions before 0.2 kept in storage.local, where content scripts can read and write. */
export const LEGACY_KEYS = ['settings', 'autofillChoices', 'vault.unlockAttempts'] as const;
const MIGRATED = 'migratedFromStorageLocal';

export interface LegacyArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  remove(keys: string[]): Promise<void>;
}

/**
 * Moves the old storage.local keys once: settings and the limiter to the extension's IndexedDB, remembered
 * choices to `pending` (sealed at the next unlock). Only the first run reads them: after that, anything a
 * page writes under those names is ignored and removed.
 */
export async function migrateStorageLocal(legacy: LegacyArea, state: StateStore, pending: PendingChoices): Promise<void> {
  if ((await state.getState(MIGRATED)) !== true) {
    const old = await legacy.get([...LEGACY_KEYS]);
    if (old.settings !== undefined && (await state.getState('settings')) === undefined) {
      await state.putState('settings', sanitizeSettings(old.settings));
    }
    const oldAttempts = old['vault.unlockAttempts'] as Partial<AttemptState> | undefined;
    if (oldAttempts && Number.isFinite(oldAttempts.failures) && Number.isFinite(oldAttempts.retryAt)) {
      const current = (await state.getState(UNLOCK_ATTEMPTS_KEY)) as AttemptState | undefined;
      // The stricter of the two: a migration never shortens a delay.
      await state.putState(UNLOCK_ATTEMPTS_KEY, {
        failures: Math.max(current?.failures ?? 0, oldAttempts.failures ?? 0),
        retryAt: Math.max(current?.retryAt ?? 0, oldAttempts.retryAt ?? 0),
      });
    }
    const choices = sanitizeChoices(old.autofillChoices);
    if (Object.keys(choices).length) await pending.put(choices);
    await state.putState(MIGRATED, true);
  }
  await legacy.remove([...LEGACY_KEYS]);
}
