import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import type { AccountView } from '@/lib/vault/messages';
import type { HashAlgorithm, OtpType } from '@/lib/otp/account';
import { addFormField, formError, type FormError } from '@/lib/popup/form-error';
import { FieldError, invalidProps } from './FieldError';

interface Props {
  onAdded: (account: AccountView) => void;
  /** Absent when the form is the whole empty list: there is nothing to go back to. */
  onCancel?: () => void;
  initialMode?: 'uri' | 'manual';
}

/** Add by pasting the setup link (otpauth://) or by typing the service, name and setup key. */
export function AddAccountForm({ onAdded, onCancel, initialMode = 'uri' }: Props) {
  const [mode, setMode] = useState<'uri' | 'manual'>(initialMode);
  const [uri, setUri] = useState('');
  const [issuer, setIssuer] = useState('');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const [type, setType] = useState<OtpType>('totp');
  const [algorithm, setAlgorithm] = useState<HashAlgorithm>('SHA1');
  const [digits, setDigits] = useState(6);
  const [period, setPeriod] = useState(30);
  const [error, setError] = useState<{ field: 'uri' | 'secret' | 'form'; error: FormError } | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const id = useId();
  // `autofocus` only works once per page load: focus the first field whenever the form or its mode changes.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('textarea, input:not([type=radio])')?.focus();
  }, [mode]);

  const submit = async (event?: Event) => {
    event?.preventDefault();
    if (busy) return;
    setError(null);
    setBusy(true);
    try {
      onAdded(await request('accounts/add', mode === 'uri' ? { uri: uri.trim() } : { issuer, name, secret, type, algorithm, digits, period }));
    } catch (e) {
      setError({ field: addFormField(e, mode), error: formError(e) });
      // The field the error is about gets the focus, so the person hears the error and can fix it.
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid=true]')?.focus());
    } finally {
      setBusy(false);
    }
  };
  const errorOf = (field: 'uri' | 'secret' | 'form') => (error?.field === field ? error.error : null);

  return (
    <form ref={form} class="card stack add-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('add_title')}</h2>
      <div role="radiogroup" aria-label={t('add_mode')} class="segmented">
        <label><input type="radio" name="mode" checked={mode === 'uri'} onChange={() => { setMode('uri'); setError(null); }} />{t('add_mode_uri')}</label>
        <label><input type="radio" name="mode" checked={mode === 'manual'} onChange={() => { setMode('manual'); setError(null); }} />{t('add_mode_manual')}</label>
      </div>
      {mode === 'uri' ? (
        <div class="field">
          <label for={`${id}-uri`}>{t('add_uri')}</label>
          {/* autocomplete off: the browser must not remember secrets in its form history on disk.
              Enter adds (a link is one line); the box wraps only so that a long link can be read. */}
          <textarea id={`${id}-uri`} rows={3} autoComplete="off" spellcheck={false} value={uri} placeholder="otpauth://totp/…"
            {...invalidProps(`${id}-uri-error`, errorOf('uri'), `${id}-uri-help`)}
            onInput={(e) => setUri(e.currentTarget.value)}
            onKeyDown={(e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); void submit(); } }} />
          <p id={`${id}-uri-help`} class="help">{t('add_uri_help')}</p>
          <FieldError id={`${id}-uri-error`} error={errorOf('uri')} />
        </div>
      ) : (
        <>
          <div class="field">
            <label for={`${id}-issuer`}>{t('field_issuer')}</label>
            <input id={`${id}-issuer`} autoComplete="off" value={issuer} onInput={(e) => setIssuer(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for={`${id}-name`}>{t('field_name')}</label>
            <input id={`${id}-name`} autoComplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for={`${id}-secret`}>{t('field_secret')}</label>
            <input id={`${id}-secret`} autoComplete="off" spellcheck={false} value={secret}
              {...invalidProps(`${id}-secret-error`, errorOf('secret'), `${id}-secret-help`)}
              onInput={(e) => setSecret(e.currentTarget.value)} />
            <p id={`${id}-secret-help`} class="help">{t('field_secret_help')}</p>
            <FieldError id={`${id}-secret-error`} error={errorOf('secret')} />
          </div>
          <details>
            <summary>{t('add_advanced')}</summary>
            <div class="grid2">
              <label class="field"><span>{t('field_type')}</span>
                <select value={type} onChange={(e) => setType(e.currentTarget.value as OtpType)}>
                  <option value="totp">{t('type_totp')}</option><option value="hotp">{t('type_hotp')}</option><option value="steam">Steam</option>
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
      <FieldError id={`${id}-form-error`} error={errorOf('form')} />
      <div class="row">
        {onCancel && <button type="button" onClick={onCancel}>{t('cancel')}</button>}
        <button type="submit" class="primary" disabled={busy}>{t('add_button')}</button>
      </div>
    </form>
  );
}
