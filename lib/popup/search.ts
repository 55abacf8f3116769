import type { AccountView } from '@/lib/vault/messages';

/**
 * Search as you type over 1,000+ accounts: every account's searchable text (issuer, name, bound
 * sites) is normalised once when the list loads, so a keystroke only normalises the query and runs
 * `includes` per account.
 */
export interface SearchIndex {
  readonly ids: readonly string[];
  readonly texts: readonly string[];
}

/** Lower case without accents or other combining marks: `Société` → `societe`, `İ` → `i`. */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export function buildSearchIndex(accounts: readonly Pick<AccountView, 'id' | 'issuer' | 'name' | 'sites'>[]): SearchIndex {
  return {
    ids: accounts.map((a) => a.id),
    // A line break between fields: a query word never matches across two fields.
    texts: accounts.map((a) => normalizeForSearch([a.issuer, a.name, ...a.sites].join('\n'))),
  };
}

/** The query's words; every one must occur in an account (any order, any field). */
export function queryWords(query: string): string[] {
  return normalizeForSearch(query).split(/\s+/).filter((w) => w.length > 0);
}

/** Ids of matching accounts in index order; `null` when the query is empty (everything matches). */
export function searchAccounts(index: SearchIndex, query: string): Set<string> | null {
  const words = queryWords(query);
  if (words.length === 0) return null;
  const matches = new Set<string>();
  for (let i = 0; i < index.texts.length; i++) {
    const text = index.texts[i]!;
    if (words.every((word) => text.includes(word))) matches.add(index.ids[i]!);
  }
  return matches;
}
