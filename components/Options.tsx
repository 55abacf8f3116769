import { useEffect, useState } from 'preact/hooks';
import { errorText, t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import type { ResponseOf } from '@/lib/messaging/protocol';
import { KDF_PRESET_NAMES, type KdfPresetName } from '@/lib/vault/kdf-strength';
import { applyTheme } from '@/lib/popup/theme';
import type { Settings, Theme } from '@/lib/settings/settings';
import { newPassphraseProblem } from '@/lib/vault/strength';
import { MIN_PASSPHRASE_LENGTH } from '@/lib/vault/vault';
import { plural } from '@/lib/popup/plural';
import { FieldError } from './FieldError';
import { StrengthHint, usePassphraseStrength } from './StrengthHint';
import { useAction } from './useAction';
import { SyncSettings } from './sync/SyncSettings';
import { BackupSettings } from './sync/BackupSettings';
import { PolicyNote } from './PolicyNote';
import { isFixed, usePolicy } from './usePolicy';
import type { PolicyView } from '@/lib/policy/messages';

const AUTO_LOCK_CHOICES = [1, 5, 15, 30, 60, 240, 0];

/** The auto-lock choices a maximum leaves (no "never"; the maximum itself is always one of them). */
export function autoLockChoices(max: number | undefined): number[] {
  if (max === undefined) return AUTO_LOCK_CHOICES;
  return [...new Set([...AUTO_LOCK_CHOICES.filter((m) => m !== 0 && m < max), max])].sort((a, b) => a - b);
}

/** The options page: locking, clipboard, theme, key-derivation strength and the passphrase. */
export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');

  const loadSettings = () => request('settings/get', null).then(setSettings, (e: unknown) => setError(errorText(e)));
  // A policy change may clamp the settings: read them again.
  const policy = usePolicy(() => void loadSettings());
  useEffect(() => void loadSettings(), []);
  useEffect(() => {
    if (settings) applyTheme(document.documentElement, settings.theme);
  }, [settings?.theme]);

  const change = async (patch: Partial<Settings>) => {
    setError('');
    try {
      setSettings(await request('settings/set', patch));
      setSaved(t('options_saved'));
    } catch (e) {
      setError(errorText(e));
    }
  };

  if (!settings) return <main class="page-main"><p class="muted" role={error ? 'alert' : undefined}>{error || t('loading')}</p></main>;
  return (
    <main class="page-main stack">
      <h1>{t('options_title')}</h1>
      <section class="card stack" aria-labelledby="lock-title">
        <h2 id="lock-title">{t('options_locking')}</h2>
        <label class="field"><span>{t('options_autolock')}</span>
          <select value={String(settings.autoLockMinutes)} onChange={(e) => void change({ autoLockMinutes: Number(e.currentTarget.value) })}
            aria-describedby={isFixed(policy, 'autoLockMinutes') ? 'autolock-policy' : undefined}>
            {autoLockChoices(policy?.policy.maxAutoLockMinutes).map((m) => <option key={m} value={String(m)}>{m === 0 ? t('options_autolock_never') : plural(m, 'options_minutes_one', 'options_minutes_other')}</option>)}
          </select></label>
        {isFixed(policy, 'autoLockMinutes') && <PolicyNote id="autolock-policy" text={t('policy_fixed_autolock', String(policy?.policy.maxAutoLockMinutes))} />}
        <label class="check"><input type="checkbox" checked={settings.lockOnIdle} onChange={(e) => void change({ lockOnIdle: e.currentTarget.checked })}
          disabled={isFixed(policy, 'lockOnIdle')} aria-describedby={isFixed(policy, 'lockOnIdle') ? 'idle-policy' : undefined} />
          {t('options_lock_idle')}</label>
        {isFixed(policy, 'lockOnIdle') && <PolicyNote id="idle-policy" text={t('policy_fixed_lock_idle')} />}
      </section>
      <section class="card stack" aria-labelledby="fill-title">
        <h2 id="fill-title">{t('options_autofill_title')}</h2>
        <label class="check"><input type="checkbox" checked={settings.autoFill} onChange={(e) => void change({ autoFill: e.currentTarget.checked })}
          disabled={isFixed(policy, 'autoFill')} aria-describedby={isFixed(policy, 'autoFill') ? 'autofill-policy' : undefined} />
          {t('options_autofill')}</label>
        {isFixed(policy, 'autoFill') && <PolicyNote id="autofill-policy" text={t('policy_fixed_autofill')} />}
      </section>
      <section class="card stack" aria-labelledby="copy-title">
        <h2 id="copy-title">{t('options_clipboard')}</h2>
        <label class="check"><input type="checkbox" checked={settings.clearClipboard} aria-describedby="clear-help"
          onChange={(e) => void change({ clearClipboard: e.currentTarget.checked })} />{t('options_clear_clipboard')}</label>
        <p id="clear-help" class="help">{t('options_clear_clipboard_help')}</p>
      </section>
      <section class="card stack" aria-labelledby="look-title">
        <h2 id="look-title">{t('options_appearance')}</h2>
        <fieldset class="segmented" aria-label={t('options_theme')}>
          <legend class="visually-hidden">{t('options_theme')}</legend>
          {(['system', 'light', 'dark'] as Theme[]).map((theme) => (
            <label key={theme}><input type="radio" name="theme" checked={settings.theme === theme} onChange={() => void change({ theme })} />
              {t(`theme_${theme}`)}</label>
          ))}
        </fieldset>
        {settings.clockOffsetSeconds !== 0 && (
          <p class="small">{t('options_clock_offset', String(settings.clockOffsetSeconds))}{' '}
            <button type="button" onClick={() => void change({ clockOffsetSeconds: 0 })}>{t('options_clock_reset')}</button></p>
        )}
      </section>
      <p class="small muted" role="status">{saved}</p>
      {error && <p class="error" role="alert">{error}</p>}
      <KdfSection policy={policy} />
      <PassphraseSection policy={policy} />
      <SyncSettings policy={policy} />
      <BackupSettings />
    </main>
  );
}

function KdfSection({ policy }: { policy: PolicyView | null }) {
  const [info, setInfo] = useState<ResponseOf<'vault/kdfInfo'> | null>(null);
  const [preset, setPreset] = useState<KdfPresetName>('standard');
  const [passphrase, setPassphrase] = useState('');
  const [result, setResult] = useState('');
  const { busy, error, setError, run } = useAction();

  const load = () => request('vault/kdfInfo', null).then((i) => { setInfo(i); if (i.preset !== 'custom') setPreset(i.preset); }, (e: unknown) => setError(errorText(e)));
  useEffect(() => void load(), []);
  const presets = policy?.kdfPresets ?? KDF_PRESET_NAMES;
  // The vault's own preset may be below the policy's minimum: offer the weakest allowed one instead.
  useEffect(() => { if (!presets.includes(preset) && presets[0]) setPreset(presets[0]); }, [presets.join()]);
  const kdfFixed = isFixed(policy, 'kdf');

  const submit = async (event: Event) => {
    event.preventDefault();
    setResult('');
    await run(async () => {
      const { unlockMs } = await request('vault/setKdf', { passphrase, preset });
      setPassphrase('');
      setResult(t('kdf_done', [t(`kdf_${preset}`), (unlockMs / 1000).toFixed(2)]));
      await load();
    });
  };

  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="kdf-title">
      <h2 id="kdf-title">{t('kdf_title')}</h2>
      <p class="help">{t('kdf_intro')}</p>
      {info && (
        <p class="small">{t('kdf_current', info.preset === 'custom' ? t('kdf_custom') : t(`kdf_${info.preset}`))}
          <span class="detail">{plural(info.iterations, 'kdf_detail_one', 'kdf_detail_other', [String(Math.round(info.memoryKiB / 1024))])}</span></p>
      )}
      <label class="field"><span>{t('kdf_choose')}</span>
        <select value={preset} onChange={(e) => setPreset(e.currentTarget.value as KdfPresetName)} aria-describedby={kdfFixed ? 'kdf-policy' : undefined}>
          {presets.map((name) => <option key={name} value={name}>{t(`kdf_${name}`)}</option>)}
        </select></label>
      {kdfFixed && policy?.policy.minKdfStrength && <PolicyNote id="kdf-policy" text={t('policy_fixed_kdf', t(`kdf_${policy.policy.minKdfStrength}`))} />}
      <label class="field"><span>{t('unlock_passphrase')}</span>
        <input type="password" autoComplete="current-password" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} /></label>
      <FieldError id="kdf-error" error={error} />
      <p class="small" role="status">{busy ? t('kdf_measuring') : result}</p>
      <div class="row"><button type="submit" class="primary" disabled={busy || !passphrase}>{t('kdf_apply')}</button></div>
    </form>
  );
}

function PassphraseSection({ policy }: { policy: PolicyView | null }) {
  const minLength = policy?.minPassphraseLength ?? MIN_PASSPHRASE_LENGTH;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [message, setMessage] = useState('');
  const strength = usePassphraseStrength(next, minLength, [current]);
  const { busy, error, setError, run } = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    const problem = newPassphraseProblem(next, again, minLength);
    if (problem) return setError(t(problem, String(minLength)));
    await run(async () => {
      await request('vault/changePassphrase', { current, next });
      setCurrent('');
      setNext('');
      setAgain('');
      setMessage(t('passphrase_changed'));
    });
  };

  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="pass-title">
      <h2 id="pass-title">{t('passphrase_title')}</h2>
      <label class="field"><span>{t('passphrase_current')}</span>
        <input type="password" autoComplete="current-password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} /></label>
      <label class="field"><span>{t('passphrase_new')}</span>
        <input type="password" autoComplete="new-password" value={next} onInput={(e) => setNext(e.currentTarget.value)}
          aria-describedby={isFixed(policy, 'passphrase') ? 'pass-strength pass-policy' : 'pass-strength'} /></label>
      <StrengthHint id="pass-strength" strength={strength} idle={t('setup_hint', String(minLength))} />
      {isFixed(policy, 'passphrase') && <PolicyNote id="pass-policy" text={t('policy_fixed_passphrase', String(minLength))} />}
      <label class="field"><span>{t('passphrase_again')}</span>
        <input type="password" autoComplete="new-password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} /></label>
      <FieldError id="pass-error" error={error} />
      <p class="small" role="status">{message}</p>
      <div class="row"><button type="submit" class="primary" disabled={busy || !current || !next}>{busy ? t('working') : t('passphrase_change')}</button></div>
    </form>
  );
}
