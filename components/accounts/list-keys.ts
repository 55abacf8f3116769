import type { AccountView } from '@/lib/vault/messages';

interface ListKeyActions {
  move(account: AccountView, step: -1 | 1): void;
  focusRow(i: number): void;
  focusSearch(): void;
}

/** The list's keyboard: arrows, Home/End and Page keys move between rows; Alt+↑/↓ moves the account itself. */
export function listKeyHandler(shown: AccountView[], actions: ListKeyActions) {
  return (event: KeyboardEvent) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('li[data-index]');
    if (!row) return;
    const i = Number(row.dataset.index);
    const account = shown[i];
    if (!account) return;
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      actions.move(account, event.key === 'ArrowUp' ? -1 : 1);
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const moves: Record<string, number> = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: shown.length - 1, PageDown: i + 7, PageUp: i - 7 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    if (to < 0) actions.focusSearch();
    else actions.focusRow(to);
  };
}
