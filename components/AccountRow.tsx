import { memo } from 'preact/compat';
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { AccountView } from '@/lib/messaging/protocol';
import { groupCode } from '@/lib/otp/format';
import type { CodeStore } from '@/lib/popup/code-store';

/** Fixed row height (px, gap included): the list computes which rows are visible from it. */
export const ROW_HEIGHT = 58;
/** Seconds before the step ends when the countdown turns to a warning. */
const WARN_SECONDS = 5;

export interface RowActions {
  copy(account: AccountView): void;
  hotpNext(account: AccountView): void;
  togglePin(account: AccountView): void;
  move(account: AccountView, step: -1 | 1): void;
  edit(account: AccountView): void;
  dragStart(account: AccountView): void;
  drop(target: AccountView): void;
}

interface Props {
  account: AccountView;
  index: number;
  total: number;
  store: CodeStore;
  copied: boolean;
  actions: RowActions;
  canMoveUp: boolean;
  canMoveDown: boolean;
}

/** Re-renders its row only when this account's code changes (one clock for the whole list). */
function useCode(store: CodeStore, id: string) {
  const [, setVersion] = useState(0);
  useEffect(() => store.subscribe(id, () => setVersion((v) => v + 1)), [store, id]);
  return store.get(id);
}

/**
 * One account. The countdown is CSS animations started at the right offset (ring, seconds and the
 * warning colour), so a row renders when its code changes, not every second.
 */
/** The code and its countdown: the only part of a row that changes at a step boundary. */
const CodeCell = memo(function CodeCell({ store, id }: { store: CodeStore; id: string }) {
  const code = useCode(store, id);
  const remainingMs = code?.validUntil ? Math.max(0, code.validUntil - store.now()) : 0;
  const elapsed = code?.validUntil ? code.period - remainingMs / 1000 : 0;
  const shown = code?.code ? groupCode(code.code) : '…';
  return code?.validUntil ? (
    <span class="timer live" key={code.validUntil}
      style={{ '--period': String(code.period), animationDelay: `${((remainingMs / 1000) - WARN_SECONDS).toFixed(2)}s` }}>
      <span class="code" data-testid="code" id={`code-${id}`}>{shown}</span>
      <span class="countdown" aria-hidden="true"
        style={{ animationDuration: `${code.period}s`, animationDelay: `-${elapsed.toFixed(2)}s` }} />
    </span>
  ) : (
    <span class="timer"><span class="code" data-testid="code" id={`code-${id}`}>{shown}</span></span>
  );
});

export const AccountRow = memo(function AccountRow({ account, index, total, store, copied, actions, canMoveUp, canMoveDown }: Props) {
  const title = account.issuer || account.name;
  const subtitle = account.issuer ? account.name : '';
  return (
    <li class={`account${copied ? ' is-copied' : ''}`} data-account-id={account.id} data-index={index}
      aria-posinset={index + 1} aria-setsize={total} style={{ top: `${index * ROW_HEIGHT}px` }}
      draggable onDragStart={(e) => { e.dataTransfer?.setData('text/plain', account.id); actions.dragStart(account); }}
      onDragOver={(e) => e.preventDefault()} onDrop={(e) => { e.preventDefault(); actions.drop(account); }}>
      <button type="button" class="account-main" onClick={() => actions.copy(account)}
        aria-label={t('account_copy_label', [title, subtitle || title])} aria-describedby={`code-${account.id}`}
        aria-keyshortcuts="Enter Alt+ArrowUp Alt+ArrowDown">
        <span class="account-text">
          <span class="issuer">{account.pinned && <span class="pin-mark" aria-hidden="true">★ </span>}{title}</span>
          {subtitle && <span class="name">{subtitle}</span>}
        </span>
        <CodeCell store={store} id={account.id} />
      </button>
      {copied && <span class="copied" aria-hidden="true">{t('copied')}</span>}
      {account.type === 'hotp' && (
        <button type="button" class="icon" onClick={() => actions.hotpNext(account)} aria-label={t('hotp_next_label', title)} title={t('hotp_next_label', title)}>↻</button>
      )}
      <button type="button" class={`icon pin${account.pinned ? ' on' : ''}`} aria-pressed={account.pinned}
        onClick={() => actions.togglePin(account)} aria-label={t('pin_label', title)} title={t('pin_label', title)}>{account.pinned ? '★' : '☆'}</button>
      <span class="movers">
        <button type="button" class="icon small" disabled={!canMoveUp} onClick={() => actions.move(account, -1)}
          aria-label={t('move_up_label', title)} title={t('move_up_label', title)}>▲</button>
        <button type="button" class="icon small" disabled={!canMoveDown} onClick={() => actions.move(account, 1)}
          aria-label={t('move_down_label', title)} title={t('move_down_label', title)}>▼</button>
      </span>
      <button type="button" class="icon" onClick={() => actions.edit(account)} aria-label={t('edit_label', title)} title={t('edit_label', title)}>⋯</button>
    </li>
  );
});
