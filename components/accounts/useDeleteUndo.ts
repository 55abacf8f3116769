import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '@/lib/messaging/client';
import type { AccountView } from '@/lib/vault/messages';

/**
 * How long Undo stays on screen after a delete: most of the background's one-minute window
 * (UNDO_WINDOW_MS), so the button never offers what the background already refuses.
 */
const UNDO_SHOWN_MS = 55_000;

export interface PendingUndo {
  token: string;
  id: string;
  title: string;
}

interface Options {
  /** The account left the list (deleted). */
  onDeleted: (id: string) => void;
  /** The account is back: focus it and reload the list. */
  onRestored: (id: string) => void;
  /** Where the focus goes when the Undo bar that held it goes away. */
  focusHome: () => void;
  report: (error: unknown) => void;
}

/** Deleting an account, and the Undo bar that brings it back within the background's window. */
export function useDeleteUndo({ onDeleted, onRestored, focusHome, report }: Options) {
  const [undo, setUndo] = useState<PendingUndo | null>(null);
  const undoButton = useRef<HTMLButtonElement>(null);

  const remove = async (account: AccountView) => {
    try {
      const { undoToken } = await request('accounts/delete', { ids: [account.id] });
      onDeleted(account.id);
      setUndo({ token: undoToken, id: account.id, title: account.issuer || account.name });
    } catch (e) {
      report(e);
    }
  };

  /** Hides the Undo bar; focus that was in it goes home (the search box, or the add form when the list is empty). */
  const dismissUndo = () => {
    const hadFocus = document.activeElement?.closest('.undo-toast') !== null && document.activeElement !== document.body;
    setUndo(null);
    if (hadFocus) requestAnimationFrame(() => focusHome());
  };

  // Undo takes the focus as it appears: one key press away, where the deleted row's menu was.
  useEffect(() => {
    if (!undo) return;
    undoButton.current?.focus();
    const timer = setTimeout(() => dismissUndo(), UNDO_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [undo]);

  const undoDelete = async () => {
    if (!undo) return;
    try {
      await request('accounts/undoDelete', { undoToken: undo.token });
      setUndo(null);
      onRestored(undo.id);
    } catch (e) {
      report(e);
    }
  };

  return { undo, undoButton, remove, undoDelete, dismissUndo };
}
