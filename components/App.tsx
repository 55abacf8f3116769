import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { errorText, t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import { sortForDisplay } from '@/lib/popup/order';
import { applyTheme } from '@/lib/popup/theme';
import type { Settings } from '@/lib/settings/settings';
import type { VaultStatus } from '@/lib/vault/vault';
import { AccountList, type ListData } from './AccountList';
import { AddAccountForm } from './AddAccountForm';
import type { AddMode } from './EmptyState';
import { PassphraseSetup } from './PassphraseSetup';
import { UnlockForm } from './UnlockForm';
import { SyncStatus } from './sync/SyncStatus';

/** Codes fetched before the first paint: enough to fill the popup; the rest follow right after. */
const FIRST_CODES = 30;

export interface Loaded {
  status: VaultStatus;
  settings: Settings;
  data: ListData | null;
}

/**
 * Everything the unlocked list needs, asked for at once: status and accounts travel in parallel,
 * then the codes of the rows on screen, so the first code shows after two short round trips. A
 * locked vault answers the list request with an error, which only means "show the unlock form".
 */
export async function loadEverything(): Promise<Loaded> {
  const list = request('accounts/list', null);
  list.catch(() => undefined);
  const { status, settings } = await request('vault/status', null);
  if (status !== 'unlocked') return { status, settings, data: null };
  const { accounts, damaged } = await list;
  const ids = sortForDisplay(accounts).slice(0, FIRST_CODES).map((a) => a.id);
  const codes = ids.length > 0 ? await request('accounts/codes', { ids }) : [];
  return { status, settings, data: { accounts, damaged, codes, complete: ids.length === accounts.length } };
}

/** `initial`: the load started by main.tsx before Preact rendered anything. */
export function App({ initial }: { initial?: Promise<Loaded> }) {
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [data, setData] = useState<ListData | null>(null);
  const [adding, setAdding] = useState<AddMode | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');

  const reload = async (pending: Promise<Loaded> = loadEverything()) => {
    try {
      const loaded = await pending;
      setStatus(loaded.status);
      setSettings(loaded.settings);
      setData(loaded.data);
    } catch (e) {
      setError(errorText(e));
    }
  };
  // A layout effect: the early load may already be answered, so do not wait for the next frame.
  useLayoutEffect(() => void reload(initial), []);
  useEffect(() => {
    if (settings) applyTheme(document.documentElement, settings.theme);
  }, [settings?.theme]);

  const lock = async () => {
    await request('vault/lock', null);
    setAdding(null);
    setData(null);
    await reload();
  };

  const scan = async () => {
    setNotice('');
    try {
      const report = await request('enrol/scanActiveTab', null);
      setNotice(report.message);
    } catch (e) {
      setNotice(errorText(e));
    }
  };

  if (error) return <p class="error" role="alert">{error}</p>;
  if (status === null || settings === null) return <p class="muted">{t('loading')}</p>;
  if (status === 'uninitialized') return <PassphraseSetup onDone={() => void reload()} />;
  if (status === 'locked') return <><UnlockForm onDone={() => void reload()} /><SyncStatus /></>;
  return (
    <div class="stack">
      <header class="toolbar">
        <h1>{t('accounts_title')}</h1>
        <button type="button" onClick={() => setAdding((mode) => (mode ? null : 'uri'))} aria-expanded={adding !== null}>{t('add_open')}</button>
        <button type="button" class="icon" onClick={scan} aria-label={t('scan_page')} title={t('scan_page')}>
          <svg viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.6">
            <path d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4M5 8h6" />
          </svg>
        </button>
        <button type="button" class="icon" onClick={() => void browser.runtime.openOptionsPage()} aria-label={t('settings_open')} title={t('settings_open')}>⚙</button>
        <button type="button" onClick={lock}>{t('lock')}</button>
      </header>
      {notice && <p class="notice" role="status">{notice}</p>}
      {adding && (
        <AddAccountForm key={adding} initialMode={adding} onCancel={() => setAdding(null)}
          onAdded={() => { setAdding(null); void reload(); }} />
      )}
      {data && (
        <AccountList data={data} settings={settings} onSettings={setSettings} onAdd={setAdding} onScan={scan} onReload={() => void reload()} />
      )}
      <SyncStatus />
      <footer class="footer">
        <a href={browser.runtime.getURL('/backup.html')} target="_blank" rel="noopener">{t('backup_link')}</a>
      </footer>
    </div>
  );
}
