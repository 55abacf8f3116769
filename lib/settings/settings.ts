/** User preferences. Not secret, but a page must not change them: kept in the extension's IndexedDB (see store.ts). */
export type Theme = 'system' | 'light' | 'dark';

export interface Settings {
  /** Lock after this many minutes without using the extension; 0 = never. */
  autoLockMinutes: number;
  /** Lock when the operating system locks the screen or goes idle. */
  lockOnIdle: boolean;
  /** Clear the clipboard 30 s after copying a code (if it still holds that code). */
  clearClipboard: boolean;
  theme: Theme;
  /** Fill automatically when exactly one account matches the page (off by default). */
  autoFill: boolean;
  /** Seconds to add to the computer's clock when computing codes (clock check). */
  clockOffsetSeconds: number;
}

export const DEFAULT_SETTINGS: Settings = {
  autoLockMinutes: 15,
  lockOnIdle: true,
  clearClipboard: true,
  theme: 'system',
  autoFill: false,
  clockOffsetSeconds: 0,
};

/** Keeps known keys with valid types; anything else falls back to the default. */
export function sanitizeSettings(raw: unknown): Settings {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const pick = <K extends keyof Settings>(key: K, valid: (v: unknown) => boolean): Settings[K] =>
    valid(input[key]) ? (input[key] as Settings[K]) : DEFAULT_SETTINGS[key];
  const isNumberIn = (min: number, max: number) => (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
  const isBoolean = (v: unknown) => typeof v === 'boolean';
  return {
    autoLockMinutes: pick('autoLockMinutes', isNumberIn(0, 24 * 60)),
    lockOnIdle: pick('lockOnIdle', isBoolean),
    clearClipboard: pick('clearClipboard', isBoolean),
    theme: pick('theme', (v) => v === 'system' || v === 'light' || v === 'dark'),
    autoFill: pick('autoFill', isBoolean),
    clockOffsetSeconds: pick('clockOffsetSeconds', isNumberIn(-86_400, 86_400)),
  };
}
