/**
 * Checks a translated `_locales/<dir>/messages.json` against the English one: the same keys (counted
 * messages having exactly the plural forms the language needs), the same `$NAME$` placeholders with
 * the same `placeholders` block, and the same `$1`-style substitutions. Pure, so the unit test and
 * `scripts/locales.ts` share it.
 */
export interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalogue = Record<string, Message>;

export interface CatalogueReport {
  missing: string[];
  extra: string[];
  /** Key and what differs from English. */
  mismatched: { key: string; problem: string }[];
}

/** `_locales` folder name (pt_BR) to the BCP 47 tag Intl wants (pt-BR). */
export function localeTag(dir: string): string {
  return dir.replace('_', '-');
}

/** Bases of counted messages: English has both `<base>_one` and `<base>_other`. */
export function pluralBases(en: Catalogue): Set<string> {
  const bases = new Set<string>();
  for (const key of Object.keys(en)) {
    const base = key.match(/^(.*)_other$/)?.[1];
    if (base && `${base}_one` in en) bases.add(base);
  }
  return bases;
}

/** Every key a catalogue in `tag` must have, each mapped to the English key it mirrors. */
export function expectedKeys(en: Catalogue, tag: string): Map<string, string> {
  const bases = pluralBases(en);
  const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
  const expected = new Map<string, string>();
  for (const key of Object.keys(en)) {
    const base = key.replace(/_(one|other)$/, '');
    if (base !== key && bases.has(base)) continue;
    expected.set(key, key);
  }
  for (const base of bases) {
    for (const category of categories) expected.set(`${base}_${category}`, `${base}_${category}` in en ? `${base}_${category}` : `${base}_other`);
  }
  return expected;
}

const named = (text: string) => [...text.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)\$/g)].map((m) => (m[1] ?? '').toLowerCase());
const numbered = (text: string) => [...text.matchAll(/\$(\d)/g)].map((m) => `$${m[1]}`);
const asSet = (items: string[]) => [...new Set(items)].sort().join(' ');

function placeholderBlock(message: Message): string {
  const block = message.placeholders ?? {};
  return JSON.stringify(Object.entries(block).sort(([a], [b]) => a.localeCompare(b)).map(([name, { content, example }]) => [name, content, example ?? null]));
}

export function compareCatalogue(en: Catalogue, translated: Catalogue, tag: string): CatalogueReport {
  const expected = expectedKeys(en, tag);
  const missing = [...expected.keys()].filter((key) => !(key in translated));
  const extra = Object.keys(translated).filter((key) => !expected.has(key));
  const mismatched: CatalogueReport['mismatched'] = [];
  for (const [key, englishKey] of expected) {
    const message = translated[key];
    if (!message) continue;
    const english = en[englishKey];
    if (!english) continue;
    if (typeof message.message !== 'string' || message.message.trim() === '') {
      mismatched.push({ key, problem: 'empty message' });
      continue;
    }
    if (asSet(named(message.message)) !== asSet(named(english.message))) {
      mismatched.push({ key, problem: `uses $NAME$ placeholders [${asSet(named(message.message))}], English [${asSet(named(english.message))}]` });
    }
    if (asSet(numbered(message.message)) !== asSet(numbered(english.message))) {
      mismatched.push({ key, problem: `uses substitutions [${asSet(numbered(message.message))}], English [${asSet(numbered(english.message))}]` });
    }
    if (placeholderBlock(message) !== placeholderBlock(english)) {
      mismatched.push({ key, problem: 'placeholders block differs from English' });
    }
  }
  return { missing, extra, mismatched };
}
