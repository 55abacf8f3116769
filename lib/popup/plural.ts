import { t, type MessageKey } from '@/lib/i18n';

/**
 * chrome.i18n has no plural rules: each counted message has a `_one` and an `_other` key, and the
 * count picks one (English: 1 is singular, everything else plural). `$1` of both is the count.
 */
export function plural(count: number, one: MessageKey, other: MessageKey, more: string[] = []): string {
  return t(count === 1 ? one : other, [String(count), ...more]);
}
