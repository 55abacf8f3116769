import { t, type MessageKey } from '@/lib/i18n';

/**
 * chrome.i18n has no plural rules, so a counted message has one key per CLDR plural category its
 * language uses — `<base>_one`, `<base>_few`, `<base>_many`, `<base>_other` — and `Intl.PluralRules`
 * of the catalogue's own language (its `locale_code` message, not the browser's UI language, which
 * may have fallen back to English) picks one. English has `_one` and `_other`; Polish adds `_few`
 * and `_many`; Japanese and Chinese use `_other` only; French and Portuguese file 0 under `_one`.
 * `$1` of every form is the count.
 */
export function pluralKey(locale: string, count: number, one: MessageKey, other: MessageKey, has: (key: string) => boolean): MessageKey {
  const base = other.replace(/_other$/, '');
  const category = pluralCategory(locale, count);
  const key = `${base}_${category}`;
  if (has(key)) return key as MessageKey;
  // A category the catalogue lacks (a UI language it fell back from): the English pair decides.
  return category === 'one' ? one : other;
}

const rules = new Map<string, Intl.PluralRules>();

export function pluralCategory(locale: string, count: number): Intl.LDMLPluralRule {
  let rule = rules.get(locale);
  if (!rule) {
    try {
      rule = new Intl.PluralRules(locale);
    } catch {
      rule = new Intl.PluralRules('en');
    }
    rules.set(locale, rule);
  }
  return rule.select(count);
}

export function plural(count: number, one: MessageKey, other: MessageKey, more: string[] = []): string {
  const key = pluralKey(t('locale_code'), count, one, other, (name) => t(name as MessageKey) !== name);
  return t(key, [String(count), ...more]);
}
