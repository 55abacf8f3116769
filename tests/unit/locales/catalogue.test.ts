import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareCatalogue, expectedKeys, localeTag, type Catalogue } from '@/lib/locales/catalogue';

const root = new URL('../../../public/_locales/', import.meta.url);
const read = (dir: string): Catalogue => JSON.parse(readFileSync(new URL(`${dir}/messages.json`, root), 'utf8')) as Catalogue;
const en = read('en');
/** The languages issue #16 asks for, besides English (the `_locales` folder names). */
const LOCALES = ['de', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt_BR', 'zh_CN'];

describe('translations', () => {
  it('has a catalogue for each of the ten languages and no other', () => {
    expect(readdirSync(root).sort()).toEqual(['en', ...LOCALES].sort());
  });

  it.each(LOCALES)('%s has every English key, no other, and the same placeholders', (dir) => {
    const report = compareCatalogue(en, read(dir), localeTag(dir));
    expect(report).toEqual({ missing: [], extra: [], mismatched: [] });
  });

  it.each(LOCALES)('%s names its own language in locale_code (plural rules and <html lang> follow it)', (dir) => {
    expect(read(dir).locale_code?.message).toBe(localeTag(dir));
  });

  it.each(['en', ...LOCALES])('%s keeps the store limits: name at most 75, description at most 132 characters', (dir) => {
    const catalogue = read(dir);
    expect([...(catalogue.extName?.message ?? '')].length).toBeLessThanOrEqual(75);
    expect([...(catalogue.extDescription?.message ?? '')].length).toBeLessThanOrEqual(132);
  });
});

describe('compareCatalogue', () => {
  const base: Catalogue = {
    greeting: { message: 'Hello $WHO$', placeholders: { who: { content: '$1', example: 'Ada' } } },
    count: { message: '$1 of $2' },
    items_one: { message: '$1 item' },
    items_other: { message: '$1 items' },
  };
  const german: Catalogue = {
    greeting: { message: 'Hallo $WHO$', placeholders: { who: { content: '$1', example: 'Ada' } } },
    count: { message: '$1 von $2' },
    items_one: { message: '$1 Eintrag' },
    items_other: { message: '$1 Einträge' },
  };

  it('passes a faithful translation', () => {
    expect(compareCatalogue(base, german, 'de')).toEqual({ missing: [], extra: [], mismatched: [] });
  });

  it('reports a missing key and a key English does not have', () => {
    const { count: _dropped, ...rest } = german;
    void _dropped;
    const report = compareCatalogue(base, { ...rest, farewell: { message: 'Tschüss' } }, 'de');
    expect(report.missing).toEqual(['count']);
    expect(report.extra).toEqual(['farewell']);
  });

  it('reports a changed $NAME$, a changed placeholders block and a dropped $2', () => {
    const report = compareCatalogue(base, {
      ...german,
      greeting: { message: 'Hallo $WEN$', placeholders: { who: { content: '$2' } } },
      count: { message: '$1 insgesamt' },
    }, 'de');
    expect(report.mismatched.map((m) => m.key)).toEqual(['greeting', 'greeting', 'count']);
    expect(report.mismatched.map((m) => m.problem).join('\n')).toMatch(/\$NAME\$[\s\S]*placeholders block[\s\S]*substitutions/);
  });

  it('asks each language for its own plural forms: Polish one/few/many/other, Japanese other only', () => {
    expect([...expectedKeys(base, 'pl').keys()].filter((k) => k.startsWith('items_')).sort()).toEqual(['items_few', 'items_many', 'items_one', 'items_other']);
    expect([...expectedKeys(base, 'ja').keys()].filter((k) => k.startsWith('items_'))).toEqual(['items_other']);
    const polish = compareCatalogue(base, { ...german, items_many: { message: '$1 pozycji' } }, 'pl');
    expect(polish.missing).toEqual(['items_few']);
    const japanese = compareCatalogue(base, { greeting: german.greeting!, count: german.count!, items_one: { message: '$1 件' }, items_other: { message: '$1 件' } }, 'ja');
    expect(japanese.extra).toEqual(['items_one']);
  });

  it('checks a new plural form against English _other', () => {
    const report = compareCatalogue(base, { ...german, items_few: { message: 'kilka pozycji' }, items_many: { message: '$1 pozycji' } }, 'pl');
    expect(report.mismatched).toEqual([{ key: 'items_few', problem: expect.stringContaining('substitutions') }]);
  });
});
