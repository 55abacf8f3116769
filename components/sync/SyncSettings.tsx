import { useEffect, useState } from 'preact/hooks';
import { AppError } from '@/lib/errors';
import { errorMessage, errorText, t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import type { EngineKind, JoinPreview, SyncStatus } from '@/lib/sync/service';
import { useAction } from '../useAction';
import { ago } from './SyncStatus';
import { PolicyNote } from '../PolicyNote';
import { isFixed } from '../usePolicy';
import type { PolicyView } from '@/lib/policy/messages';
import { syncEngineAllowed } from '@/lib/policy/policy';

function defaultDeviceName(): string {
  const ua = navigator.userAgent;
  const browserName = /Firefox\//.test(ua) ? 'Firefox' : /Edg\//.test(ua) ? 'Edge' : 'Chrome';
  const os = /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /CrOS/.test(ua) ? 'ChromeOS' : /Linux/.test(ua) ? 'Linux' : '';
  return os ? `${browserName} (${os})` : browserName;
}

/**
 * Options: turn sync on (browser sync or WebDAV), join a vault already synced there, see the
 * status, sync now, turn it off. Before turning it on, the person reads what leaves the browser and
 * that a forgotten passphrase cannot be recovered, and confirms it.
 */
export function SyncSettings({ policy = null }: { policy?: PolicyView | null }) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [engine, setEngine] = useState<EngineKind>('webdav');
  const [url, setUrl] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [deviceName, setDeviceName] = useState(defaultDeviceName());
  const [understood, setUnderstood] = useState(false);
  const [needPassphrase, setNeedPassphrase] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [preview, setPreview] = useState<JoinPreview | null>(null);
  const [configured, setConfigured] = useState('');
  const { busy, error, setError, run } = useAction();

  const load = async () => {
    setStatus(await request('sync/status', null));
    const settings = await request('sync/settings', null);
    if (settings) {
      setEngine(settings.engine);
      setUrl(settings.url);
      setUser(settings.user);
      setDeviceName(settings.deviceName);
      setConfigured(settings.engine === 'webdav' ? settings.url : '');
    }
  };
  useEffect(() => void load().catch((e: unknown) => setError(errorText(e))), []);
  // The organisation's engines and WebDAV address (the background refuses anything else).
  const rules = policy?.policy ?? {};
  const engines = (['webdav', 'browser'] as EngineKind[]).filter((e) => syncEngineAllowed(e, rules));
  useEffect(() => { if (!engines.includes(engine) && engines[0]) setEngine(engines[0]); }, [engines.join(), engine]);
  useEffect(() => { if (rules.webdavUrl) setUrl(rules.webdavUrl); }, [rules.webdavUrl]);
  const engineFixed = isFixed(policy, 'syncEngine');
  const urlFixed = isFixed(policy, 'webdavUrl');
  const required = isFixed(policy, 'syncRequired');

  const enable = async (confirmJoin: boolean) => {
    await run(async () => {
      try {
        const result = await request('sync/enable', {
          engine,
          webdav: engine === 'webdav' ? { url, user, password } : undefined,
          deviceName,
          passphrase: needPassphrase ? passphrase : undefined,
          confirmJoin,
        });
        if (result.state === 'confirm-join') return setPreview(result.preview);
        setPreview(null);
        setNeedPassphrase(false);
        setPassphrase('');
        setPassword('');
        await load();
      } catch (e) {
        if (e instanceof AppError && e.code === 'sync_join_needed') setNeedPassphrase(true);
        throw e;
      }
    });
  };

  const submit = (event: Event) => {
    event.preventDefault();
    void enable(false);
  };

  if (!status) return null;

  if (status.enabled) {
    const problem = status.lastError ? errorMessage(status.lastError) : '';
    return (
      <section class="card stack" aria-labelledby="sync-title">
        <h2 id="sync-title">{t('sync_title')}</h2>
        <p class="small">{t(status.engine === 'webdav' ? 'sync_on_webdav' : 'sync_on_browser', configured)}</p>
        <p class={`small${problem ? ' error' : ''}`} role="status">
          {problem ? t('sync_last_error', problem) : status.lastSyncAt ? t('sync_last_synced', ago(status.lastSyncAt)) : t('sync_not_yet')}
        </p>
        {error && <p class="error" role="alert">{error}</p>}
        <div class="row">
          <button type="button" class="primary" disabled={busy} onClick={() => void run(async () => setStatus(await request('sync/now', null)))}>{t('sync_now')}</button>
          <button type="button" disabled={busy || required} aria-describedby={required ? 'sync-required-policy' : undefined}
            onClick={() => void run(async () => { setStatus(await request('sync/disable', null)); })}>{t('sync_turn_off')}</button>
        </div>
        {required && <PolicyNote id="sync-required-policy" text={t('policy_fixed_sync_required')} />}
      </section>
    );
  }

  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="sync-title">
      <h2 id="sync-title">{t('sync_title')}</h2>
      <p class="small">{t('sync_intro')}</p>
      <fieldset class="segmented" aria-label={t('sync_engine')}>
        <legend class="visually-hidden">{t('sync_engine')}</legend>
        <label><input type="radio" name="sync-engine" checked={engine === 'webdav'} onChange={() => setEngine('webdav')} disabled={!engines.includes('webdav')} />{t('sync_engine_webdav')}</label>
        <label><input type="radio" name="sync-engine" checked={engine === 'browser'} onChange={() => setEngine('browser')} disabled={!engines.includes('browser')} />{t('sync_engine_browser')}</label>
      </fieldset>
      {engineFixed && <PolicyNote id="sync-engine-policy" text={t('policy_fixed_sync_engine')} />}
      {required && <PolicyNote id="sync-required-policy" text={t('policy_fixed_sync_required')} />}
      {engine === 'webdav' ? (
        <>
          <label class="field"><span>{t('sync_webdav_url')}</span>
            <input type="url" required placeholder="https://cloud.example.com/remote.php/dav/files/me/" value={url} onInput={(e) => setUrl(e.currentTarget.value)}
              readOnly={urlFixed} aria-describedby={urlFixed ? 'webdav-policy' : undefined} /></label>
          {urlFixed && <PolicyNote id="webdav-policy" text={t('policy_fixed_webdav')} />}
          <label class="field"><span>{t('sync_webdav_user')}</span>
            <input type="text" autoComplete="username" value={user} onInput={(e) => setUser(e.currentTarget.value)} /></label>
          <label class="field"><span>{t('sync_webdav_password')}</span>
            <input type="password" autoComplete="off" value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></label>
        </>
      ) : (
        <p class="muted small">{t('sync_browser_help')}</p>
      )}
      <label class="field"><span>{t('sync_device_name')}</span>
        <input type="text" value={deviceName} onInput={(e) => setDeviceName(e.currentTarget.value)} /></label>
      <p class="small" id="sync-what-leaves">{t('sync_what_leaves')}</p>
      <p class="small"><strong>{t('sync_no_recovery')}</strong></p>
      <label class="check"><input type="checkbox" checked={understood} aria-describedby="sync-what-leaves" onChange={(e) => setUnderstood(e.currentTarget.checked)} />{t('sync_understood')}</label>
      {needPassphrase && (
        <label class="field"><span>{t('sync_join_passphrase')}</span>
          <input type="password" autoComplete="off" value={passphrase} onInput={(e) => { setPassphrase(e.currentTarget.value); setPreview(null); }} /></label>
      )}
      {preview && (
        <div class="stack" role="group" aria-label={t('sync_join_title')}>
          <p class="small">{t('sync_join_preview', [String(preview.remoteAccounts), String(preview.localAccounts), String(preview.duplicates)])}</p>
          <div class="row"><button type="button" class="primary" disabled={busy} onClick={() => void enable(true)}>{t('sync_join_confirm')}</button></div>
        </div>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      {!preview && <div class="row"><button type="submit" class="primary" disabled={busy || !understood || (needPassphrase && !passphrase)}>{busy ? t('working') : t('sync_turn_on')}</button></div>}
    </form>
  );
}
