import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

vi.mock('@/lib/i18n', () => ({ t: (key: string) => key }));
const { pluralCategory, pluralKey } = await import('@/lib/popup/plural');
type Key = Parameters<typeof pluralKey>[2];

const read = (dir: string) => JSON.parse(readFileSync(new URL(`../../../public/_locales/${dir}/messages.json`, import.meta.url), 'utf8')) as Record<string, { message: string }>;
const message = (catalogue: Record<string, { message: string }>, key: string) => {
  const found = catalogue[key];
  if (!found) throw new Error(`no message ${key}`);
  return found.message;
};

/** What the browser does with `$1`: the count goes in. */
function say(dir: string, count: number): string {
  const catalogue = read(dir);
  const key = pluralKey(message(catalogue, 'locale_code'), count, 'backup_imported_one' as Key, 'backup_imported_other' as Key, (name) => name in catalogue);
  return message(catalogue, key).replace('$1', String(count));
}

describe('plural', () => {
  it.each([
    // One count per plural category each language has (CLDR via Intl.PluralRules).
    ['en', 1, 'one', 'Added 1 account.'],
    ['en', 0, 'other', 'Added 0 accounts.'],
    ['en', 2, 'other', 'Added 2 accounts.'],
    ['de', 1, 'one', '1 Konto hinzugefügt.'],
    ['de', 3, 'other', '3 Konten hinzugefügt.'],
    ['nl', 1, 'one', '1 account toegevoegd.'],
    ['nl', 0, 'other', '0 accounts toegevoegd.'],
    ['fr', 0, 'one', '0 compte ajouté.'],
    ['fr', 1, 'one', '1 compte ajouté.'],
    ['fr', 2, 'other', '2 comptes ajoutés.'],
    ['fr', 1000000, 'many', '1000000 de comptes ajoutés.'],
    ['es', 1, 'one', 'Se ha añadido 1 cuenta.'],
    ['es', 0, 'other', 'Se han añadido 0 cuentas.'],
    ['es', 1000000, 'many', 'Se han añadido 1000000 de cuentas.'],
    ['it', 1, 'one', '1 account aggiunto.'],
    ['it', 7, 'other', '7 account aggiunti.'],
    ['it', 1000000, 'many', '1000000 di account aggiunti.'],
    ['pt_BR', 0, 'one', '0 conta adicionada.'],
    ['pt_BR', 1, 'one', '1 conta adicionada.'],
    ['pt_BR', 2, 'other', '2 contas adicionadas.'],
    ['pt_BR', 1000000, 'many', '1000000 de contas adicionadas.'],
    ['pl', 1, 'one', 'Dodano 1 konto.'],
    ['pl', 2, 'few', 'Dodano 2 konta.'],
    ['pl', 22, 'few', 'Dodano 22 konta.'],
    ['pl', 5, 'many', 'Dodano 5 kont.'],
    ['pl', 12, 'many', 'Dodano 12 kont.'],
    ['pl', 0, 'many', 'Dodano 0 kont.'],
    ['pl', 1.5, 'other', 'Dodano 1.5 konta.'],
    ['ja', 1, 'other', '1 件のアカウントを追加しました。'],
    ['ja', 2, 'other', '2 件のアカウントを追加しました。'],
    ['zh_CN', 1, 'other', '已添加 1 个账户。'],
    ['zh_CN', 5, 'other', '已添加 5 个账户。'],
  ] as const)('%s, %d (%s): %s', (dir, count, category, expected) => {
    expect(pluralCategory(message(read(dir), 'locale_code'), count)).toBe(category);
    expect(say(dir, count)).toBe(expected);
  });

  it('falls back to the English pair when the catalogue lacks the category (UI language fell back to English)', () => {
    const en = read('en');
    const has = (name: string) => name in en;
    // Polish plural rules over the English catalogue: "few" and "many" are not there.
    expect(pluralKey('pl', 2, 'backup_imported_one' as Key, 'backup_imported_other' as Key, has)).toBe('backup_imported_other');
    expect(pluralKey('pl', 1, 'backup_imported_one' as Key, 'backup_imported_other' as Key, has)).toBe('backup_imported_one');
    expect(pluralKey('not a locale!', 1, 'backup_imported_one' as Key, 'backup_imported_other' as Key, has)).toBe('backup_imported_one');
  });
});
