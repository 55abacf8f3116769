import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { errorText, t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import type { AccountView, CodeView } from '@/lib/vault/messages';
import { createCodeClipboard } from '@/lib/popup/clipboard';
import { CodeStore } from '@/lib/popup/code-store';
import { moveByStep, moveTo, setPinned, sortForDisplay } from '@/lib/popup/order';
import { buildSearchIndex, searchAccounts } from '@/lib/popup/search';
import type { Settings } from '@/lib/settings/settings';
import type { DamagedRecord } from '@/lib/vault/vault';
import { plural } from '@/lib/popup/plural';
import { AccountRow, ROW_HEIGHT, ROW_HINT_ID, type RowActions } from './AccountRow';
import { AddAccountForm } from './AddAccountForm';
import { ClockWarning } from './ClockWarning';
import { EditDialog } from './EditDialog';
import { EmptyState, type AddMode } from './EmptyState';
import { Icon } from './Icons';
import { QrDialog } from './QrDialog';
import { RecoveryDialog } from './RecoveryDialog';
import { SearchBox } from './SearchBox';

export interface ListData {
  accounts: AccountView[];
  damaged: DamagedRecord[];
  codes: CodeView[];
  /** False when `codes` holds only the first screenful; the list then fetches the rest. */
  complete?: boolean;
}

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

/** Rows drawn above and below the visible window, so fast scrolling and arrow keys find them ready. */
const OVERSCAN = 6;
const DEFAULT_VIEWPORT = 430;
/** Reordering with the keyboard saves once the person pauses, not on every step. */
const SAVE_ORDER_DELAY_MS = 400;
/**
 * How long Undo stays on screen after a delete: most of the background's one-minute window
 * (UNDO_WINDOW_MS), so the button never offers what the background already refuses.
 */
const UNDO_SHOWN_MS = 55_000;

type Dialog = { kind: 'edit' | 'recovery' | 'qr'; id: string } | null;

const clipboard = createCodeClipboard((text) => navigator.clipboard.writeText(text));

export function AccountList({ data, settings, onSettings, adding, onAddClosed, onScan, onReload, onEmpty }: Props) {
  const [accounts, setAccounts] = useState<AccountView[]>(() => sortForDisplay(data.accounts));
  const [query, setQuery] = useState('');
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(DEFAULT_VIEWPORT);
  const [copied, setCopied] = useState<{ id: string; title: string } | null>(null);
  const [undo, setUndo] = useState<{ token: string; id: string; title: string } | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState('');
  const scroller = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  /** The account whose row gets the focus once it is rendered (after a move, pin, add or undo). */
  const pendingFocus = useRef<string | null>(null);
  const dragging = useRef<string | null>(null);
  const saveOrderTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const store = useMemo(() => new CodeStore(), []);
  store.clockOffsetMs = settings.clockOffsetSeconds * 1000;

  // One clock for every row: wake at the earliest step end, swap in the prepared codes, fetch the following ones.
  const tickTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const scheduleTick = useCallback(() => {
    if (tickTimer.current) clearTimeout(tickTimer.current);
    const boundary = store.nextBoundary();
    if (boundary === null) return;
    tickTimer.current = setTimeout(() => {
      const started = performance.now();
      const changed = store.advance(store.now());
      scheduleTick();
      // Timing for `npm run bench`: Preact renders the changed rows in a microtask queued before this one.
      queueMicrotask(() => performance.measure('keyring:tick', { start: started, end: performance.now() }));
      if (changed.length > 0) {
        void request('accounts/codes', { ids: changed }).then((views) => {
          const received = performance.now();
          store.setMany(views);
          scheduleTick();
          queueMicrotask(() => performance.measure('keyring:tick-refill', { start: received, end: performance.now() }));
        }, () => undefined);
      }
    }, Math.max(0, boundary - store.now()) + 5);
  }, [store]);

  const refreshCodes = useCallback(async () => {
    store.setMany(await request('accounts/codes', {}));
    scheduleTick();
  }, [store, scheduleTick]);

  // Codes go into the store during render, so the very first paint already shows them.
  const loaded = useRef<ListData | null>(null);
  if (loaded.current !== data) {
    store.retain(new Set(data.accounts.map((a) => a.id)));
    store.setMany(data.codes);
  }
  useEffect(() => {
    if (loaded.current !== null) setAccounts(sortForDisplay(data.accounts));
    loaded.current = data;
    scheduleTick();
    if (data.complete === false) void refreshCodes().catch(() => undefined);
  }, [data, scheduleTick, refreshCodes]);
  useEffect(() => () => { if (tickTimer.current) clearTimeout(tickTimer.current); }, []);

  const index = useMemo(() => buildSearchIndex(accounts), [accounts]);
  const matches = useMemo(() => searchAccounts(index, query), [index, query]);
  const shown = useMemo(() => (matches ? accounts.filter((a) => matches.has(a.id)) : accounts), [accounts, matches]);
  const searching = matches !== null;

  // The scroll area grows with the list up to its maximum height: measure it whenever its size changes,
  // not once, or rows added in this session stay undrawn below the first measurement.
  const hasRows = shown.length > 0;
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => { if (element.clientHeight > 0) setViewport(element.clientHeight); };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasRows]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(shown.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);

  /** Scrolls row `i` into view (the rows are drawn from the scroll position). */
  const scrollToRow = (i: number) => {
    const element = scroller.current;
    if (!element) return;
    const top = i * ROW_HEIGHT;
    let nextScroll = element.scrollTop;
    if (top < nextScroll) nextScroll = top;
    else if (top + ROW_HEIGHT > nextScroll + element.clientHeight) nextScroll = top + ROW_HEIGHT - element.clientHeight;
    if (nextScroll !== element.scrollTop) element.scrollTop = nextScroll;
    setScrollTop(nextScroll);
  };

  /** Scrolls row `i` into view, then focuses it once it is rendered. */
  const focusRow = (i: number) => {
    const account = shown[Math.max(0, Math.min(shown.length - 1, i))];
    if (!account) return;
    pendingFocus.current = account.id;
    focusPending();
  };

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

  const saveOrder = (next: readonly AccountView[]) => {
    if (saveOrderTimer.current) clearTimeout(saveOrderTimer.current);
    saveOrderTimer.current = setTimeout(() => {
      saveOrderTimer.current = null;
      request('accounts/reorder', { ids: next.map((a) => a.id) }).catch((e: unknown) => setError(errorText(e)));
    }, SAVE_ORDER_DELAY_MS);
  };

  // Row callbacks read the latest state through a ref, so the actions object (a row prop) never changes.
  const latest = useRef({ accounts, shown, settings, searching });
  latest.current = { accounts, shown, settings, searching };
  const actions = useMemo<RowActions>(() => ({
    copy(account) {
      const code = store.get(account.id)?.code;
      if (!code) return;
      const copyIt = () => {
        // The popup may close before 30 s, even the moment the code is on the clipboard: the background is
        // asked to empty it BEFORE the write, so no copy is left without its clearing scheduled.
        if (latest.current.settings.clearClipboard) void request('clipboard/clearLater', null).catch(() => undefined);
        return clipboard.copy(code, latest.current.settings.clearClipboard).then(
          () => setCopied({ id: account.id, title: account.issuer || account.name }),
          (e: unknown) => setError(errorText(e)),
        );
      };
      // On the account's own site the code goes straight into the page's field; anywhere else it is copied.
      if (account.sites.length === 0) return void copyIt();
      request('autofill/fillActiveTab', { id: account.id }).then(
        ({ filled }) => (filled ? window.close() : void copyIt()),
        () => void copyIt(),
      );
    },
    hotpNext(account) {
      request('accounts/hotpNext', { id: account.id }).then((view) => store.setMany([view]), (e: unknown) => setError(errorText(e)));
    },
    togglePin(account) {
      const pinned = !account.pinned;
      setAccounts((list) => setPinned(list, account.id, pinned));
      pendingFocus.current = account.id;
      request('accounts/update', { id: account.id, fields: { pinned } }).catch((e: unknown) => setError(errorText(e)));
    },
    move(account, step) {
      if (latest.current.searching) return;
      const next = moveByStep(latest.current.accounts, account.id, step);
      if (next === latest.current.accounts) return;
      setAccounts([...next]);
      saveOrder(next);
      pendingFocus.current = account.id;
    },
    edit(account) {
      setDialog({ kind: 'edit', id: account.id });
    },
    dragStart(account) {
      dragging.current = account.id;
    },
    drop(target) {
      const id = dragging.current;
      dragging.current = null;
      if (!id || latest.current.searching) return;
      const next = moveTo(latest.current.accounts, id, target.id);
      if (next === latest.current.accounts) return;
      setAccounts([...next]);
      saveOrder(next);
    },
  }), [store]);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  const onListKey = (event: KeyboardEvent) => {
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
    if (to < 0) search.current?.focus();
    else focusRow(to);
  };

  const replace = (updated: AccountView) => setAccounts((list) => sortForDisplay(list.map((a) => (a.id === updated.id ? updated : a))));

  const remove = async (account: AccountView) => {
    setDialog(null);
    try {
      const { undoToken } = await request('accounts/delete', { ids: [account.id] });
      setAccounts((list) => list.filter((a) => a.id !== account.id));
      setUndo({ token: undoToken, id: account.id, title: account.issuer || account.name });
    } catch (e) {
      setError(errorText(e));
    }
  };

  // Undo takes the focus as it appears: one key press away, where the deleted row's menu was.
  useEffect(() => {
    if (!undo) return;
    undoButton.current?.focus();
    const timer = setTimeout(() => dismissUndo(), UNDO_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [undo]);

  /** Hides the Undo bar; focus that was in it goes to the search box (or the add form when the list is empty). */
  const dismissUndo = () => {
    const hadFocus = document.activeElement?.closest('.undo-toast') !== null && document.activeElement !== document.body;
    setUndo(null);
    if (hadFocus) requestAnimationFrame(() => focusHome());
  };

  const focusHome = () => {
    const target = search.current ?? document.querySelector<HTMLElement>('.add-form textarea, .add-form input:not([type=radio])');
    target?.focus();
  };

  const undoDelete = async () => {
    if (!undo) return;
    try {
      await request('accounts/undoDelete', { undoToken: undo.token });
      pendingFocus.current = undo.id;
      setUndo(null);
      onReload();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const added = (account: AccountView) => {
    setQuery('');
    pendingFocus.current = account.id;
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
      <ClockWarning settings={settings} onApplied={(next) => { onSettings(next); store.clockOffsetMs = next.clockOffsetSeconds * 1000; void refreshCodes(); }} />
      {error && <p class="error" role="alert">{error}</p>}
      {accounts.length === 0 ? (
        <EmptyState onAdded={added} onScan={onScan} />
      ) : (
        <>
          {adding && <AddAccountForm key={adding} initialMode={adding} onCancel={() => onAddClosed(true)} onAdded={added} />}
          <SearchBox inputRef={search} query={query} onQuery={(q) => { setQuery(q); setScrollTop(0); if (scroller.current) scroller.current.scrollTop = 0; }}
            onLeave={(copyFirst) => {
              const firstShown = shown[0];
              if (copyFirst && firstShown) actions.copy(firstShown);
              focusRow(0);
            }} />
          <p id={ROW_HINT_ID} hidden>{t('rows_hint')}</p>
          {searching && shown.length === 0 && <p class="muted" role="status">{t('search_none', query)}</p>}
          <div class="list-scroll" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
            {/* With a counter-based account in view, every row keeps room for its "next code" button: codes line up. */}
            <ul class={`accounts${shown.some((a) => a.type === 'hotp') ? ' has-hotp' : ''}`} aria-label={searching ? plural(shown.length, 'accounts_found_one', 'accounts_found_other') : t('accounts_label')}
              style={{ height: `${setsize * ROW_HEIGHT}px` }} onKeyDown={onListKey}>
              {shown.slice(first, last).map((account, offset) => {
                const i = first + offset;
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
      <div class="toast-area">
        <div class={copied ? 'toast' : 'toast empty-toast'} role="status" aria-live="polite">{copied ? t('copied_toast', copied.title) : ''}</div>
        {undo && (
          <div class="toast undo-toast">
            <span role="status">{t('deleted', undo.title)}</span>
            <span class="toast-actions">
              <button ref={undoButton} type="button" onClick={undoDelete}>{t('undo')}</button>
              <button type="button" class="icon" aria-label={t('close')} title={t('close')} onClick={dismissUndo}><Icon name="close" /></button>
            </span>
          </div>
        )}
      </div>
      {dialog?.kind === 'edit' && dialogAccount && (
        <EditDialog account={dialogAccount} onClose={() => setDialog(null)} onSaved={(a) => { replace(a); setDialog(null); }}
          onDelete={() => void remove(dialogAccount)} onRecovery={() => setDialog({ kind: 'recovery', id: dialogAccount.id })}
          onShowQr={() => setDialog({ kind: 'qr', id: dialogAccount.id })} />
      )}
      {dialog?.kind === 'recovery' && dialogAccount && (
        <RecoveryDialog account={dialogAccount} onClose={() => setDialog(null)} onSaved={replace} />
      )}
      {dialog?.kind === 'qr' && dialogAccount && <QrDialog account={dialogAccount} onClose={() => setDialog(null)} />}
    </>
  );
}
