import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import type { PolicyView } from '@/lib/policy/messages';
import { newPassphraseProblem } from '@/lib/vault/strength';
import { FieldError } from './FieldError';
import { PassphraseInput } from './PassphraseInput';
import { useAction } from './useAction';

/**
 * Right after an unlock that found the vault weaker than the organisation's policy: the accounts stay
 * hidden (the background refuses them too) until the passphrase is long enough and the key derivation
 * costs at least the policy's preset. One form, one re-wrap of the master key.
 */
export function PolicyUpgrade({ view, onDone, onLock }: { view: PolicyView; onDone: () => void; onLock: () => void }) {
  const upgrade = view.upgrade ?? { passphrase: false, kdf: false };
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const { busy, error, setError, run } = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    if (upgrade.passphrase) {
      const problem = newPassphraseProblem(next, again, view.minPassphraseLength);
      if (problem) return setError(t(problem, String(view.minPassphraseLength)));
    }
    await run(async () => {
      await request('policy/upgrade', { current, next: upgrade.passphrase ? next : undefined });
      onDone();
    });
  };

  const minKdf = view.policy.minKdfStrength;
  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="upgrade-title" data-testid="policy-upgrade">
      <h1 id="upgrade-title">{t('policy_upgrade_title')}</h1>
      {upgrade.passphrase && <p>{t('policy_upgrade_passphrase', String(view.minPassphraseLength))}</p>}
      {upgrade.kdf && minKdf && <p>{t('policy_upgrade_kdf', t(`kdf_${minKdf}`))}</p>}
      <div class="field">
        <label for="upgrade-current">{t('policy_upgrade_current')}</label>
        <PassphraseInput id="upgrade-current" value={current} autoComplete="current-password" onValue={setCurrent} />
      </div>
      {upgrade.passphrase && (
        <>
          <div class="field">
            <label for="upgrade-next">{t('passphrase_new')}</label>
            <PassphraseInput id="upgrade-next" value={next} autoComplete="new-password" onValue={setNext} />
          </div>
          <div class="field">
            <label for="upgrade-again">{t('passphrase_again')}</label>
            <PassphraseInput id="upgrade-again" value={again} autoComplete="new-password" onValue={setAgain} />
          </div>
        </>
      )}
      <FieldError id="upgrade-error" error={error} />
      <div class="row">
        <button type="submit" class="primary" disabled={busy || !current || (upgrade.passphrase && !next)}>{busy ? t('working') : t('policy_upgrade_submit')}</button>
        <button type="button" onClick={onLock} disabled={busy}>{t('lock')}</button>
      </div>
    </form>
  );
}
