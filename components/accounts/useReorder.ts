import { useRef, type MutableRef } from 'preact/hooks';
import { request } from '@/lib/messaging/client';
import type { AccountView } from '@/lib/vault/messages';
import { moveByStep, moveTo } from '@/lib/popup/order';

/** Reordering with the keyboard saves once the person pauses, not on every step. */
const SAVE_ORDER_DELAY_MS = 400;

interface ListState {
  accounts: AccountView[];
  searching: boolean;
}

/**
 * Moving accounts: Alt+↑/↓ or the row menu (one step), or drag and drop. Not while searching (the
 * shown order is not the list's). The new order shows at once and is saved after a pause; a save the
 * background refuses is reported.
 */
export function useReorder(latest: MutableRef<ListState>, setAccounts: (accounts: AccountView[]) => void, report: (error: unknown) => void) {
  const saveOrderTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dragging = useRef<string | null>(null);

  const saveOrder = (next: readonly AccountView[]) => {
    if (saveOrderTimer.current) clearTimeout(saveOrderTimer.current);
    saveOrderTimer.current = setTimeout(() => {
      saveOrderTimer.current = null;
      request('accounts/reorder', { ids: next.map((a) => a.id) }).catch(report);
    }, SAVE_ORDER_DELAY_MS);
  };

  /** Moves the account one step; false when it cannot move (searching, or at the end of its group). */
  const move = (account: AccountView, step: -1 | 1): boolean => {
    if (latest.current.searching) return false;
    const next = moveByStep(latest.current.accounts, account.id, step);
    if (next === latest.current.accounts) return false;
    setAccounts([...next]);
    saveOrder(next);
    return true;
  };

  const dragStart = (account: AccountView) => {
    dragging.current = account.id;
  };

  const drop = (target: AccountView) => {
    const id = dragging.current;
    dragging.current = null;
    if (!id || latest.current.searching) return;
    const next = moveTo(latest.current.accounts, id, target.id);
    if (next === latest.current.accounts) return;
    setAccounts([...next]);
    saveOrder(next);
  };

  return { move, dragStart, drop };
}
