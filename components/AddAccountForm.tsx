import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import type { HashAlgorithm, OtpType } from '@/lib/otp/account';

/** Add by pasting an otpauth:// URI or by typing issuer, name and secret. */
export function AddAccountForm({ onAdded, onCancel, initialMode = 'uri' }: { onAdded: () => void; onCancel: () => void; initialMode?: 'uri' | 'manual' }) {
  const [mode, setMode] = useState<'uri' | 'manual'>(initialMode);
  const [uri, setUri] = useState('');
  const [issuer, setIssuer] = useState('');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const [type, setType] = useState<OtpType>('totp');
  const [algorithm, setAlgorithm] = useState<HashAlgorithm>('SHA1');
  const [digits, setDigits] = useState(6);
  const [period, setPeriod] = useState(30);
  const [error, setError] = useState('');
  const form = useRef<HTMLFormElement>(null);
  // `autofocus` only works once per page load: focus the first field whenever the form or its mode changes.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('textarea, input:not([type=radio])')?.focus();
  }, [mode]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError('');
    try {
      await request('accounts/add', mode === 'uri' ? { uri } : { issuer, name, secret, type, algorithm, digits, period });
      onAdded();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <form ref={form} class="card stack" onSubmit={submit} aria-labelledby="add-title">
      <h2 id="add-title">{t('add_title')}</h2>
      <div role="radiogroup" aria-label={t('add_mode')} class="segmented">
        <label><input type="radio" name="mode" checked={mode === 'uri'} onChange={() => setMode('uri')} />{t('add_mode_uri')}</label>
        <label><input type="radio" name="mode" checked={mode === 'manual'} onChange={() => setMode('manual')} />{t('add_mode_manual')}</label>
      </div>
      {mode === 'uri' ? (
        <label class="field">
          <span>{t('add_uri')}</span>
          {/* autocomplete off: the browser must not remember secrets in its form history on disk. */}
          <textarea rows={3} autoComplete="off" spellcheck={false} value={uri} placeholder="otpauth://totp/…" autoFocus
            onInput={(e) => setUri(e.currentTarget.value)} />
        </label>
      ) : (
        <>
          <label class="field"><span>{t('field_issuer')}</span>
            <input autoComplete="off" value={issuer} autoFocus onInput={(e) => setIssuer(e.currentTarget.value)} /></label>
          <label class="field"><span>{t('field_name')}</span>
            <input autoComplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
          <label class="field"><span>{t('field_secret')}</span>
            <input autoComplete="off" spellcheck={false} value={secret} onInput={(e) => setSecret(e.currentTarget.value)} /></label>
          <details>
            <summary>{t('add_advanced')}</summary>
            <div class="grid2">
              <label class="field"><span>{t('field_type')}</span>
                <select value={type} onChange={(e) => setType(e.currentTarget.value as OtpType)}>
                  <option value="totp">TOTP</option><option value="hotp">HOTP</option><option value="steam">Steam</option>
                </select></label>
              <label class="field"><span>{t('field_algorithm')}</span>
                <select value={algorithm} onChange={(e) => setAlgorithm(e.currentTarget.value as HashAlgorithm)}>
                  <option>SHA1</option><option>SHA256</option><option>SHA512</option>
                </select></label>
              <label class="field"><span>{t('field_digits')}</span>
                <input type="number" min={5} max={10} value={digits} onInput={(e) => setDigits(Number(e.currentTarget.value))} /></label>
              <label class="field"><span>{t('field_period')}</span>
                <input type="number" min={1} value={period} onInput={(e) => setPeriod(Number(e.currentTarget.value))} /></label>
            </div>
          </details>
        </>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      <div class="row">
        <button type="button" onClick={onCancel}>{t('cancel')}</button>
        <button type="submit" class="primary">{t('add_button')}</button>
      </div>
    </form>
  );
}
