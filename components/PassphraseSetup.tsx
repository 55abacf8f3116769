import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import { MIN_PASSPHRASE_LENGTH } from '@/lib/vault/vault';
import { newPassphraseProblem, passphraseStrength } from '@/lib/vault/strength';
import { useAction } from './useAction';

/** First run: choose the vault passphrase (twice), with a strength hint. */
export function PassphraseSetup({ onDone }: { onDone: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, error, setError, run } = useAction();
  const { strength } = passphraseStrength(passphrase, MIN_PASSPHRASE_LENGTH);

  const submit = async (event: Event) => {
    event.preventDefault();
    const problem = newPassphraseProblem(passphrase, confirm, MIN_PASSPHRASE_LENGTH);
    if (problem) return setError(t(problem, String(MIN_PASSPHRASE_LENGTH)));
    await run(async () => {
      await request('vault/create', { passphrase });
      onDone();
    });
  };

  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="setup-title">
      <h1 id="setup-title">{t('setup_title')}</h1>
      <p class="muted">{t('setup_intro')}</p>
      <label class="field">
        <span>{t('setup_passphrase')}</span>
        <input type="password" autoComplete="new-password" value={passphrase} autoFocus
          onInput={(e) => setPassphrase(e.currentTarget.value)} aria-describedby="strength" />
      </label>
      <div id="strength" class={`strength strength-${strength}`} aria-live="polite">
        {passphrase ? t(`strength_${strength}`) : t('setup_hint', String(MIN_PASSPHRASE_LENGTH))}
      </div>
      <label class="field">
        <span>{t('setup_confirm')}</span>
        <input type="password" autoComplete="new-password" value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} />
      </label>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" class="primary" disabled={busy}>{busy ? t('working') : t('setup_create')}</button>
    </form>
  );
}
