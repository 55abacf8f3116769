import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import { useAction } from './useAction';

export function UnlockForm({ onDone }: { onDone: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, run } = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    await run(async () => {
      await request('vault/unlock', { passphrase });
      setPassphrase('');
      onDone();
    });
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
