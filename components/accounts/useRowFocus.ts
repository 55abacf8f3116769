import { useLayoutEffect, useRef, type MutableRef } from 'preact/hooks';
import type { AccountView } from '@/lib/vault/messages';

/**
 * Which account's row gets the focus once it is rendered (after a move, pin, add or undo): the row
 * may be outside the drawn window, or not in the list yet, so the focus waits for the next render.
 */
export function useRowFocus(scroller: MutableRef<HTMLDivElement | null>, shown: AccountView[], scrollToRow: (i: number) => void) {
  const pendingFocus = useRef<string | null>(null);

  const focusPending = () => {
    const id = pendingFocus.current;
    if (id === null) return;
    const at = shown.findIndex((a) => a.id === id);
    if (at < 0) return; // not in the list yet (an add or undo on its way): tried again after the next render
    const button = scroller.current?.querySelector<HTMLElement>(`li[data-index="${at}"] .account-main`);
    if (button) {
      pendingFocus.current = null;
      button.focus();
    } else {
      scrollToRow(at);
    }
  };
  useLayoutEffect(focusPending);

  /** Scrolls row `i` into view, then focuses it once it is rendered. */
  const focusRow = (i: number) => {
    const account = shown[Math.max(0, Math.min(shown.length - 1, i))];
    if (!account) return;
    pendingFocus.current = account.id;
    focusPending();
  };

  /** Focuses this account's row once it is rendered. */
  const focusLater = (id: string) => {
    pendingFocus.current = id;
  };

  return { focusRow, focusLater };
}
