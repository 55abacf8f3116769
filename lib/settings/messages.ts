import type { SendersOf } from '@/lib/messaging/types';
import type { Settings } from './settings';

/** Messages of the settings (popup and options → background). */
export interface SettingsProtocol {
  'settings/get': { request: null; response: Settings };
  'settings/set': { request: Partial<Settings>; response: Settings };
}

export const SETTINGS_SENDERS = {
  'settings/get': ['extension-page'],
  'settings/set': ['extension-page'],
} as const satisfies SendersOf<SettingsProtocol>;
