import type { HandlersOf } from '@/lib/messaging/types';
import type { SETTINGS_SENDERS, SettingsProtocol } from './messages';
import type { Settings } from './settings';

/** What the settings' handlers need, given by entrypoints/background.ts. */
export interface SettingsDeps {
  loadSettings(): Promise<Settings>;
  saveSettings(patch: Partial<Settings>): Promise<Settings>;
  /** Called on every request from an extension page: the person is using the extension. */
  onActivity(settings: Settings): void;
}

export function createSettingsHandlers(deps: SettingsDeps): HandlersOf<SettingsProtocol, typeof SETTINGS_SENDERS> {
  return {
    async 'settings/get'() {
      return deps.loadSettings();
    },
    async 'settings/set'(patch) {
      const settings = await deps.saveSettings(patch);
      deps.onActivity(settings);
      return settings;
    },
  };
}
