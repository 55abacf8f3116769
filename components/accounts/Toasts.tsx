import type { RefObject } from 'preact';
import { t } from '@/lib/i18n';
import { Icon } from '../Icons';
import type { PendingUndo } from './useDeleteUndo';

interface Props {
  copied: { title: string } | null;
  undo: PendingUndo | null;
  undoButton: RefObject<HTMLButtonElement>;
  onUndo: () => void;
  onDismissUndo: () => void;
}

/** The bottom of the popup: “… code copied.” (always present, so screen readers hear it), and Undo after a delete. */
export function Toasts({ copied, undo, undoButton, onUndo, onDismissUndo }: Props) {
  return (
    <div class="toast-area">
      <div class={copied ? 'toast' : 'toast empty-toast'} role="status" aria-live="polite">{copied ? t('copied_toast', copied.title) : ''}</div>
      {undo && (
        <div class="toast undo-toast">
          <span role="status">{t('deleted', undo.title)}</span>
          <span class="toast-actions">
            <button ref={undoButton} type="button" onClick={onUndo}>{t('undo')}</button>
            <button type="button" class="icon" aria-label={t('close')} title={t('close')} onClick={onDismissUndo}><Icon name="close" /></button>
          </span>
        </div>
      )}
    </div>
  );
}
