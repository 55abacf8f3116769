import { memo } from 'preact/compat';
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { AccountView } from '@/lib/vault/messages';
import { groupCode } from '@/lib/otp/format';
import type { CodeStore } from '@/lib/popup/code-store';
import { AccountAvatar } from './AccountAvatar';
import { Icon } from './Icons';
import { RowMenu, type RowActions } from './RowMenu';

/** Fixed row height (px, gap included): the list computes which rows are visible from it. */
export const ROW_HEIGHT = 58;
/** Seconds before the step ends when the ring turns to its "hurry" colour. */
const WARN_SECONDS = 5;
/** The element describing every row's keys (one for the list, see AccountList). */
export const ROW_HINT_ID = 'rows-hint';

export type { RowActions };

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
 * The code and its countdown: the only part of a row that changes at a step boundary. The countdown
 * is CSS animations started at the right offset (ring, seconds and the last-seconds colour), so a row
 * renders when its code changes, not every second. The code is part of the row button's name, so
 * what a person sees is what voice control and screen readers hear.
 */
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
    <span class="timer"><span class="code" data-testid="code" id={`code-${id}`}>{shown}</span><span class="countdown-space" aria-hidden="true" /></span>
  );
});

/**
 * One account, kept to what a person does every day: read the code, copy or fill it (the row
 * button), and for counter-based accounts ask for the next code. Pin, move and edit live in the
 * row's menu; Alt+Up/Down still move a focused row.
 */
export const AccountRow = memo(function AccountRow({ account, index, total, store, copied, actions, canMoveUp, canMoveDown }: Props) {
  const title = account.issuer || account.name;
  const subtitle = account.issuer ? account.name : '';
  return (
    <li class={`account${copied ? ' is-copied' : ''}${account.type === 'hotp' ? ' is-hotp' : ''}`} data-account-id={account.id} data-index={index}
      aria-posinset={index + 1} aria-setsize={total} style={{ top: `${index * ROW_HEIGHT}px` }}
      draggable onDragStart={(e) => { e.dataTransfer?.setData('text/plain', account.id); actions.dragStart(account); }}
      onDragOver={(e) => e.preventDefault()} onDrop={(e) => { e.preventDefault(); actions.drop(account); }}>
      <button type="button" class="account-main" onClick={() => actions.copy(account)}
        aria-describedby={ROW_HINT_ID} aria-keyshortcuts="Enter Alt+ArrowUp Alt+ArrowDown">
        <AccountAvatar title={title} icon={account.icon} />
        <span class="account-text">
          {/* The commas are for the ear only (zero width, inline, so no space before them): the button's name
              reads "GitHub, alice, 123 456" and contains everything the row shows. */}
          <span class="issuer">{title}<span class="sep">,</span>{account.pinned && <Icon name="pin" class="icon-svg pin-mark" />}</span>
          {subtitle && <span class="name">{subtitle}<span class="sep">,</span></span>}
          {account.pinned && <span class="visually-hidden">{t('row_pinned')}</span>}
        </span>
        <CodeCell store={store} id={account.id} />
      </button>
      {copied && <span class="copied" aria-hidden="true">{t('copied')}</span>}
      {account.type === 'hotp' && (
        <button type="button" class="icon" onClick={() => actions.hotpNext(account)} aria-label={t('hotp_next_label', title)} title={t('hotp_next_label', title)}>
          <Icon name="next" />
        </button>
      )}
      <RowMenu account={account} title={title} actions={actions} canMoveUp={canMoveUp} canMoveDown={canMoveDown} />
    </li>
  );
});
