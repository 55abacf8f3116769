import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { errorText, scanReportText, t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import { sortForDisplay } from '@/lib/popup/order';
import { applyTheme } from '@/lib/popup/theme';
import type { Settings } from '@/lib/settings/settings';
import type { VaultStatus } from '@/lib/vault/vault';
import { AccountList, type ListData } from './AccountList';
import type { AddMode } from './EmptyState';
import { Icon } from './Icons';
import { PassphraseSetup } from './PassphraseSetup';
import { UnlockForm } from './UnlockForm';
import { SyncStatus } from './sync/SyncStatus';
import { PolicyUpgrade } from './PolicyUpgrade';
import type { PolicyView } from '@/lib/policy/messages';

/** Codes fetched before the first paint: enough to fill the popup; the rest follow right after. */
const FIRST_CODES = 30;

export interface Loaded {
  status: VaultStatus;
  settings: Settings;
  data: ListData | null;
  /** The organisation's policy (null if it could not be read: the background still enforces it). */
  policy: PolicyView | null;
}

/**
 * Everything the unlocked list needs, asked for at once: status and accounts travel in parallel,
 * then the codes of the rows on screen, so the first code shows after two short round trips. A
 * locked vault answers the list request with an error, which only means "show the unlock form".
 */
export async function loadEverything(): Promise<Loaded> {
  const list = request('accounts/list', null);
  list.catch(() => undefined);
  const policyView = request('policy/get', null).catch(() => null);
  const { status, settings } = await request('vault/status', null);
  const policy = await policyView;
  // A vault weaker than the policy shows the upgrade form, not the list (the background refuses the list anyway).
  if (status !== 'unlocked' || policy?.upgrade) return { status, settings, data: null, policy };
  const { accounts, damaged } = await list;
  const ids = sortForDisplay(accounts).slice(0, FIRST_CODES).map((a) => a.id);
  const codes = ids.length > 0 ? await request('accounts/codes', { ids }) : [];
  return { status, settings, data: { accounts, damaged, codes, complete: ids.length === accounts.length }, policy };
}

/** `initial`: the load started by main.tsx before Preact rendered anything. */
export function App({ initial }: { initial?: Promise<Loaded> }) {
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [data, setData] = useState<ListData | null>(null);
  const [policy, setPolicy] = useState<PolicyView | null>(null);
  const [adding, setAdding] = useState<AddMode | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [empty, setEmpty] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);

  const reload = async (pending: Promise<Loaded> = loadEverything()) => {
    try {
      const loaded = await pending;
      setStatus(loaded.status);
      setSettings(loaded.settings);
      setData(loaded.data);
      setPolicy(loaded.policy);
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
      setNotice(scanReportText(report));
    } catch (e) {
      setNotice(errorText(e));
    }
  };

  if (error) return <p class="error" role="alert">{error}</p>;
  if (status === null || settings === null) return <p class="muted">{t('loading')}</p>;
  if (status === 'uninitialized') return <PassphraseSetup minLength={policy?.minPassphraseLength} onDone={() => void reload()} />;
  if (status === 'locked') return <><UnlockForm onDone={() => void reload()} /><SyncStatus /></>;
  if (policy?.upgrade) return <PolicyUpgrade view={policy} onDone={() => void reload()} onLock={() => void lock()} />;
  return (
    <div class="stack">
      <header class="toolbar">
        <h1>{t('accounts_title')}</h1>
        {!empty && (
          <button ref={addButton} type="button" class="with-icon" onClick={() => setAdding((mode) => (mode ? null : 'uri'))} aria-expanded={adding !== null}>
            <Icon name="plus" />{t('add_open')}
          </button>
        )}
        <button type="button" class="icon" onClick={scan} aria-label={t('scan_page')} title={t('scan_page')}><Icon name="scan" /></button>
        <button type="button" class="icon" onClick={() => void browser.runtime.openOptionsPage()} aria-label={t('settings_open')} title={t('settings_open')}>
          <Icon name="settings" />
        </button>
        <button type="button" class="with-icon" onClick={lock}><Icon name="lock" />{t('lock')}</button>
      </header>
      {notice && <p class="notice" role="status">{notice}</p>}
      {data && (
        <AccountList data={data} settings={settings} onSettings={setSettings} adding={adding} onEmpty={setEmpty} onScan={scan}
          onAddClosed={(refocus) => { setAdding(null); if (refocus) requestAnimationFrame(() => addButton.current?.focus()); }}
          onReload={() => void reload()} />
      )}
      <SyncStatus accounts={data?.accounts.length} onApplied={() => void reload()} required={policy?.policy.requireSync === true} />
      <footer class="footer">
        <a href={browser.runtime.getURL('/backup.html')} target="_blank" rel="noopener">{t('backup_link')}</a>
      </footer>
    </div>
  );
}
