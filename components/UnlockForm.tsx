import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import { FieldError } from './FieldError';
import { PassphraseInput } from './PassphraseInput';
import { useAction } from './useAction';

export function UnlockForm({ onDone }: { onDone: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, run } = useAction();
  const field = useRef<HTMLInputElement>(null);
  // Shown after Lock as well as on opening: `autofocus` works only once per page, so focus it here.
  useEffect(() => field.current?.focus(), []);
  useEffect(() => { if (error) field.current?.focus(); }, [error]);

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
      <div class="field">
        <label for="unlock-passphrase">{t('unlock_passphrase')}</label>
        <PassphraseInput id="unlock-passphrase" inputRef={field} value={passphrase} onValue={setPassphrase} autoComplete="current-password"
          describedBy={['unlock-forgot', error ? 'unlock-error' : ''].filter(Boolean).join(' ')} invalid={Boolean(error)} />
        <FieldError id="unlock-error" error={error} />
      </div>
      <button type="submit" class="primary" disabled={busy || !passphrase}>{busy ? t('unlocking') : t('unlock_button')}</button>
      <p id="unlock-forgot" class="help">{t('unlock_forgot')}</p>
    </form>
  );
}
