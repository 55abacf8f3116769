import { useEffect, useState } from 'preact/hooks';
import { errorMessage, errorText, t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import { INTERVAL_CHOICES_HOURS, MIN_BACKUP_PASSWORD, type BackupStatus } from '@/lib/sync/backups';
import { useAction } from '../useAction';
import { ago } from './SyncStatus';

/** Options: automatic encrypted backups into the downloads folder, on a schedule and after changes. */
export function BackupSettings() {
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [intervalHours, setIntervalHours] = useState(24);
  const [keep, setKeep] = useState(10);
  const { busy, error, setError, run } = useAction();

  useEffect(() => {
    request('backups/status', null).then((s) => {
      setStatus(s);
      setIntervalHours(s.intervalHours);
      setKeep(s.keep);
    }, (e: unknown) => setError(errorText(e)));
  }, []);

  const save = (enabled: boolean) => async (event?: Event) => {
    event?.preventDefault();
    if (enabled && password !== again) return setError(t('backups_password_differ'));
    await run(async () => {
      setStatus(await request('backups/configure', { enabled, password: password || undefined, intervalHours, keep }));
      setPassword('');
      setAgain('');
    });
  };

  if (!status) return null;
  const problem = status.lastError ? errorMessage(status.lastError) : '';
  return (
    <form class="card stack" onSubmit={(e) => void save(true)(e)} aria-labelledby="backups-title">
      <h2 id="backups-title">{t('backups_title')}</h2>
      <p class="small">{t('backups_intro')}</p>
      <label class="field"><span>{t('backups_interval')}</span>
        <select value={String(intervalHours)} onChange={(e) => setIntervalHours(Number(e.currentTarget.value))}>
          {INTERVAL_CHOICES_HOURS.map((h) => <option key={h} value={String(h)}>{t(`backups_every_${h}h`)}</option>)}
        </select></label>
      <label class="field"><span>{t('backups_keep')}</span>
        <input type="number" min={1} max={100} value={keep} onInput={(e) => setKeep(Number(e.currentTarget.value))} /></label>
      <label class="field"><span>{status.enabled ? t('backups_password_change') : t('backups_password')}</span>
        <input type="password" autoComplete="new-password" minLength={MIN_BACKUP_PASSWORD} value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></label>
      <label class="field"><span>{t('backups_password_again')}</span>
        <input type="password" autoComplete="new-password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} /></label>
      <p class={`small${problem ? ' error' : ''}`} role="status">
        {!status.enabled ? t('backups_off') : problem ? t('backups_failed', problem) : status.lastBackupAt ? t('backups_last', [ago(status.lastBackupAt), status.lastFile ?? '']) : t('backups_none_yet')}
      </p>
      {error && <p class="error" role="alert">{error}</p>}
      <div class="row">
        <button type="submit" class="primary" disabled={busy || (!status.enabled && !password)}>{status.enabled ? t('backups_save') : t('backups_turn_on')}</button>
        {status.enabled && <button type="button" disabled={busy} onClick={() => void run(async () => setStatus(await request('backups/now', null)))}>{t('backups_now')}</button>}
        {status.enabled && <button type="button" disabled={busy} onClick={() => void save(false)()}>{t('backups_turn_off')}</button>}
      </div>
    </form>
  );
}
