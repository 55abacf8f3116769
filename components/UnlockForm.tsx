import { useState } from 'preact/hooks';
import { errorText, t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';

export function UnlockForm({ onDone }: { onDone: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await request('vault/unlock', { passphrase });
      setPassphrase('');
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="unlock-title">
      <h1 id="unlock-title">{t('unlock_title')}</h1>
      <label class="field">
        <span>{t('unlock_passphrase')}</span>
        <input type="password" autoComplete="current-password" value={passphrase} autoFocus
          onInput={(e) => setPassphrase(e.currentTarget.value)} />
      </label>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" class="primary" disabled={busy || !passphrase}>{busy ? t('working') : t('unlock_button')}</button>
    </form>
  );
}
