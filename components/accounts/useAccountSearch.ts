import { useMemo, useState } from 'preact/hooks';
import type { AccountView } from '@/lib/vault/messages';
import { buildSearchIndex, searchAccounts } from '@/lib/popup/search';

/** The search box's query and the accounts it leaves shown (all of them when there is no query). */
export function useAccountSearch(accounts: AccountView[]) {
  const [query, setQuery] = useState('');
  const index = useMemo(() => buildSearchIndex(accounts), [accounts]);
  const matches = useMemo(() => searchAccounts(index, query), [index, query]);
  const shown = useMemo(() => (matches ? accounts.filter((a) => matches.has(a.id)) : accounts), [accounts, matches]);
  return { query, setQuery, shown, searching: matches !== null };
}
