import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { errorText, t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import type { AccountView } from '@/lib/vault/messages';
import { setPinned, sortForDisplay } from '@/lib/popup/order';
import type { Settings } from '@/lib/settings/settings';
import { plural } from '@/lib/popup/plural';
import { AccountRow, ROW_HEIGHT, ROW_HINT_ID, type RowActions } from './AccountRow';
import { AddAccountForm } from './AddAccountForm';
import { ClockWarning } from './ClockWarning';
import { EditDialog } from './EditDialog';
import { EmptyState, type AddMode } from './EmptyState';
import { QrDialog } from './QrDialog';
import { RecoveryDialog } from './RecoveryDialog';
import { SearchBox } from './SearchBox';
import type { ListData } from './accounts/list-data';
import { listKeyHandler } from './accounts/list-keys';
import { Toasts } from './accounts/Toasts';
import { useAccountSearch } from './accounts/useAccountSearch';
import { useCodeTicker } from './accounts/useCodeTicker';
import { useCopy } from './accounts/useCopy';
import { useDeleteUndo } from './accounts/useDeleteUndo';
import { useReorder } from './accounts/useReorder';
import { useRowFocus } from './accounts/useRowFocus';
import { useVirtualRows } from './accounts/useVirtualRows';

export type { ListData } from './accounts/list-data';

interface Props {
  data: ListData;
  settings: Settings;
  onSettings: (settings: Settings) => void;
  /** The add form the toolbar opened (null: closed); with no account at all the form is always there. */
  adding: AddMode | null;
  /** `refocus`: the person cancelled, so the focus goes back to the toolbar's Add button. */
  onAddClosed: (refocus: boolean) => void;
  onScan: () => void;
  onReload: () => void;
  /** Tells the toolbar whether the list is empty (its add form is then the page itself). */
  onEmpty?: (empty: boolean) => void;
}

type Dialog = { kind: 'edit' | 'recovery' | 'qr'; id: string } | null;

/** The accounts: search, virtualised rows with live codes, copy, reorder, pin, edit and delete with Undo. */
export function AccountList({ data, settings, onSettings, adding, onAddClosed, onScan, onReload, onEmpty }: Props) {
  const [accounts, setAccounts] = useState<AccountView[]>(() => sortForDisplay(data.accounts));
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState('');
  const report = useCallback((e: unknown) => setError(errorText(e)), []);
  const scroller = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);

  // A new load replaces the list (the first one is the initial state already).
  const shownData = useRef(data);
  useEffect(() => {
    if (shownData.current !== data) setAccounts(sortForDisplay(data.accounts));
    shownData.current = data;
  }, [data]);

  const { store, refreshCodes } = useCodeTicker(data, settings.clockOffsetSeconds, report);
  const { query, setQuery, shown, searching } = useAccountSearch(accounts);
  const rows = useVirtualRows(scroller, shown.length);
  const { focusRow, focusLater } = useRowFocus(scroller, shown, rows.scrollToRow);

  // Row callbacks read the latest state through refs, so the actions object (a row prop) never changes.
  const latest = useRef({ accounts, searching });
  latest.current = { accounts, searching };
  const clearClipboard = useRef(settings.clearClipboard);
  clearClipboard.current = settings.clearClipboard;
  const reorder = useReorder(latest, setAccounts, report);
  const { copied, copy } = useCopy(store, clearClipboard, setError);

  const handlers = useRef<RowActions>(null as unknown as RowActions);
  handlers.current = {
    copy,
    hotpNext(account) {
      request('accounts/hotpNext', { id: account.id }).then((view) => store.setMany([view]), report);
    },
    togglePin(account) {
      const pinned = !account.pinned;
      setAccounts((list) => setPinned(list, account.id, pinned));
      focusLater(account.id);
      request('accounts/update', { id: account.id, fields: { pinned } }).catch(report);
    },
    move(account, step) {
      if (reorder.move(account, step)) focusLater(account.id);
    },
    edit(account) {
      setDialog({ kind: 'edit', id: account.id });
    },
    dragStart: reorder.dragStart,
    drop: reorder.drop,
  };
  const actions = useMemo<RowActions>(() => ({
    copy: (a) => handlers.current.copy(a),
    hotpNext: (a) => handlers.current.hotpNext(a),
    togglePin: (a) => handlers.current.togglePin(a),
    move: (a, step) => handlers.current.move(a, step),
    edit: (a) => handlers.current.edit(a),
    dragStart: (a) => handlers.current.dragStart(a),
    drop: (a) => handlers.current.drop(a),
  }), []);

  const focusHome = () => {
    const target = search.current ?? document.querySelector<HTMLElement>('.add-form textarea, .add-form input:not([type=radio])');
    target?.focus();
  };
  const { undo, undoButton, remove, undoDelete, dismissUndo } = useDeleteUndo({
    onDeleted: (id) => setAccounts((list) => list.filter((a) => a.id !== id)),
    onRestored: (id) => { focusLater(id); onReload(); },
    focusHome,
    report,
  });

  const onListKey = listKeyHandler(shown, { move: actions.move, focusRow, focusSearch: () => search.current?.focus() });
  const replace = (updated: AccountView) => setAccounts((list) => sortForDisplay(list.map((a) => (a.id === updated.id ? updated : a))));

  const added = (account: AccountView) => {
    setQuery('');
    focusLater(account.id);
    onAddClosed(false);
    onReload();
  };

  useEffect(() => onEmpty?.(accounts.length === 0), [accounts.length === 0]);
  // Opening the list (after unlock, or the popup itself) puts the cursor in the search box.
  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body) search.current?.focus();
  }, [accounts.length > 0]);

  const dialogAccount = dialog ? accounts.find((a) => a.id === dialog.id) : undefined;
  const setsize = shown.length;

  return (
    <>
      {data.damaged.length > 0 && (
        <p class="error" role="alert">{plural(data.damaged.length, 'damaged_records_one', 'damaged_records_other', [data.damaged.map((d) => d.id).join(', ')])}</p>
      )}
      <ClockWarning settings={settings} onApplied={(next) => { onSettings(next); store.clockOffsetMs = next.clockOffsetSeconds * 1000; refreshCodes().catch(report); }} />
      {error && <p class="error" role="alert">{error}</p>}
      {accounts.length === 0 ? (
        <EmptyState onAdded={added} onScan={onScan} />
      ) : (
        <>
          {adding && <AddAccountForm key={adding} initialMode={adding} onCancel={() => onAddClosed(true)} onAdded={added} />}
          <SearchBox inputRef={search} query={query} onQuery={(q) => { setQuery(q); rows.scrollToTop(); }}
            onLeave={(copyFirst) => {
              const firstShown = shown[0];
              if (copyFirst && firstShown) actions.copy(firstShown);
              focusRow(0);
            }} />
          <p id={ROW_HINT_ID} hidden>{t('rows_hint')}</p>
          {searching && shown.length === 0 && <p class="muted" role="status">{t('search_none', query)}</p>}
          <div class="list-scroll" ref={scroller} onScroll={(e) => rows.setScrollTop(e.currentTarget.scrollTop)}>
            {/* With a counter-based account in view, every row keeps room for its "next code" button: codes line up. */}
            <ul class={`accounts${shown.some((a) => a.type === 'hotp') ? ' has-hotp' : ''}`} aria-label={searching ? plural(shown.length, 'accounts_found_one', 'accounts_found_other') : t('accounts_label')}
              style={{ height: `${setsize * ROW_HEIGHT}px` }} onKeyDown={onListKey}>
              {shown.slice(rows.first, rows.last).map((account, offset) => {
                const i = rows.first + offset;
                const above = shown[i - 1];
                const below = shown[i + 1];
                return (
                  <AccountRow key={account.id} account={account} index={i} total={setsize} store={store}
                    copied={copied?.id === account.id} actions={actions}
                    canMoveUp={!searching && above !== undefined && above.pinned === account.pinned}
                    canMoveDown={!searching && below !== undefined && below.pinned === account.pinned} />
                );
              })}
            </ul>
          </div>
        </>
      )}
      <Toasts copied={copied} undo={undo} undoButton={undoButton} onUndo={() => void undoDelete()} onDismissUndo={dismissUndo} />
      {dialog?.kind === 'edit' && dialogAccount && (
        <EditDialog account={dialogAccount} onClose={() => setDialog(null)} onSaved={(a) => { replace(a); setDialog(null); }}
          onDelete={() => { setDialog(null); void remove(dialogAccount); }} onRecovery={() => setDialog({ kind: 'recovery', id: dialogAccount.id })}
          onShowQr={() => setDialog({ kind: 'qr', id: dialogAccount.id })} />
      )}
      {dialog?.kind === 'recovery' && dialogAccount && (
        <RecoveryDialog account={dialogAccount} onClose={() => setDialog(null)} onSaved={replace} />
      )}
      {dialog?.kind === 'qr' && dialogAccount && <QrDialog account={dialogAccount} onClose={() => setDialog(null)} />}
    </>
  );
}
