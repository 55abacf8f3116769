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
export function SyncStatus() {
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);

  const syncNow = async () => {
    setBusy(true);
    try {
      setStatus(await request('sync/now', null));
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

  if (!status) return null;
  const options = () => void browser.runtime.openOptionsPage();
  if (status.passphraseChangedElsewhere && status.enabled) {
    return <p class="notice small" role="note" data-testid="sync-status">{t('sync_passphrase_changed')}</p>;
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
