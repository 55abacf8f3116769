import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '@/lib/i18n';

interface Props {
  query: string;
  onQuery: (query: string) => void;
  /** ArrowDown / Enter leave the box for the list (Enter also copies the first match). */
  onLeave: (copyFirst: boolean) => void;
  /** The list focuses the box when it opens and after some actions. */
  inputRef?: RefObject<HTMLInputElement>;
}

/** Search as you type; `/` anywhere in the popup focuses it, Escape clears it. */
export function SearchBox({ query, onQuery, onLeave, inputRef }: Props) {
  const own = useRef<HTMLInputElement>(null);
  const ref = inputRef ?? own;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable], dialog')) return;
      event.preventDefault();
      ref.current?.focus();
      ref.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div class="search">
      <input ref={ref} type="search" value={query} placeholder={t('search_placeholder')} aria-label={t('search_label')}
        aria-keyshortcuts="/" autoComplete="off" spellcheck={false}
        onInput={(e) => onQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { e.preventDefault(); onLeave(false); }
          else if (e.key === 'Enter') { e.preventDefault(); onLeave(true); }
          else if (e.key === 'Escape' && query) { e.preventDefault(); onQuery(''); }
        }} />
      <kbd class="search-hint" aria-hidden="true" title={t('search_shortcut')}>/</kbd>
    </div>
  );
}
