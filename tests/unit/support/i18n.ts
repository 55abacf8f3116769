import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One message of public/_locales/<lang>/messages.json. */
export interface LocaleMessage {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

export const EN_MESSAGES: Record<string, LocaleMessage> = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../public/_locales/en/messages.json', import.meta.url)), 'utf8'),
) as Record<string, LocaleMessage>;

/**
 * chrome.i18n.getMessage as Chrome does it (developer.chrome.com/docs/extensions/reference/api/i18n):
 * `$NAME$` is replaced by its placeholder's content, then `$1…$9` by the substitutions; an unknown key is ''.
 */
export function getMessage(key: string, substitutions?: string | string[]): string {
  const entry = EN_MESSAGES[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (all, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? all);
  return named.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}

/** A stand-in for `wxt/browser` with the real English messages: `vi.mock('wxt/browser', () => fakeI18nBrowser)`. */
export const fakeI18nBrowser = { browser: { i18n: { getMessage, getUILanguage: () => 'en' } } };
