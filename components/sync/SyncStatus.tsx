import { browser } from 'wxt/browser';
import { useEffect, useState } from 'preact/hooks';
import { errorMessage, t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import type { SyncStatus as Status } from '@/lib/sync/service';

/** "3 min ago" in the browser's language. */
export function ago(ms: number, now = Date.now()): string {
  const seconds = Math.round((ms - now) / 1000);
  const format = new Intl.RelativeTimeFormat(browser.i18n.getUILanguage(), { numeric: 'auto' });
  if (Math.abs(seconds) < 60) return format.format(seconds, 'second');
  if (Math.abs(seconds) < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (Math.abs(seconds) < 86400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86400), 'day');
}

/**
 * The popup's sync line: on/off, last synced, the error in words, "Sync now". Opening the popup runs
 * a round in the background without waiting for it; nothing here blocks the list. When neither sync
 * nor automatic backups are on and the vault has accounts, a reminder takes its place.
 */
export function SyncStatus({ accounts, onApplied, required = false }: { accounts?: number; onApplied?: () => void; required?: boolean } = {}) {
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);

  const syncNow = async () => {
    setBusy(true);
    try {
      const before = status?.appliedAt ?? (await request('sync/status', null)).appliedAt;
      const after = await request('sync/now', null);
      setStatus(after);
      // The round changed the accounts (another browser's edits arrived): show them.
      if ((after.appliedAt ?? null) !== (before ?? null)) onApplied?.();
    } catch {
      // the status line shows the last known state
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void request('sync/status', null).then((s) => {
      setStatus(s);
      if (s.enabled) void syncNow();
    }, () => undefined);
  }, []);
  // The first account just added: the one-time offer may be due now.
  const known = status?.accounts;
  useEffect(() => {
    if (accounts !== undefined && known !== undefined && accounts !== known) void request('sync/status', null).then(setStatus, () => undefined);
  }, [accounts]);

  if (!status) return null;
  const options = () => void browser.runtime.openOptionsPage();
  if (status.passphraseChangedElsewhere && status.enabled) {
    return <p class="notice small" role="note" data-testid="sync-status">{t('sync_passphrase_changed')}</p>;
  }
  if (!status.enabled && required) {
    // The organisation's policy asks for sync: said every time, whatever the vault holds.
    return (
      <p class="notice small" role="note" data-testid="sync-status">
        {t('policy_sync_required')} <button type="button" onClick={options}>{t('policy_sync_setup')}</button>
      </p>
    );
  }
  if (status.offer) {
    const dismiss = () => void request('sync/dismissOffer', null).then(setStatus, () => undefined);
    return (
      <section class="card stack sync-offer" aria-labelledby="sync-offer-title" data-testid="sync-offer">
        <h2 id="sync-offer-title">{t('sync_offer_title')}</h2>
        <p class="small">{t('sync_offer_text')}</p>
        <div class="row">
          <button type="button" class="primary" onClick={options}>{t('sync_offer_action')}</button>
          <button type="button" onClick={dismiss}>{t('sync_offer_dismiss')}</button>
        </div>
      </section>
    );
  }
  if (!status.enabled) {
    if (status.accounts === 0 || status.backupsOn) return null;
    return (
      <p class="notice small" role="note" data-testid="sync-status">
        {t('sync_reminder')} <button type="button" onClick={options}>{t('sync_reminder_action')}</button>
      </p>
    );
  }
  const error = status.lastError ? errorMessage(status.lastError) : '';
  const engine = status.engine === 'webdav' ? t('sync_engine_webdav_short') : t('sync_engine_browser_short');
  let line: string;
  if (busy || status.syncing) line = t('sync_status_syncing', engine);
  else if (error) line = t('sync_status_error', [engine, error]);
  else if (status.lastSyncAt) line = t('sync_status_ok', [engine, ago(status.lastSyncAt)]);
  else line = t('sync_status_never', engine);
  return (
    <p class={`small sync-status${error ? ' error' : ''}`} role="status" data-testid="sync-status">
      {line} <button type="button" onClick={() => void syncNow()} disabled={busy}>{t('sync_now')}</button>
    </p>
  );
}
