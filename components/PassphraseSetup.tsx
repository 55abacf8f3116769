import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import { MIN_PASSPHRASE_LENGTH } from '@/lib/vault/vault';
import { newPassphraseProblem } from '@/lib/vault/strength';
import { FieldError } from './FieldError';
import { PassphraseInput } from './PassphraseInput';
import { StrengthHint, usePassphraseStrength } from './StrengthHint';
import { useAction } from './useAction';

/** First run: choose the passphrase (twice), with a strength hint that stays neutral until something is typed. */
export function PassphraseSetup({ onDone, minLength = MIN_PASSPHRASE_LENGTH }: { onDone: () => void; minLength?: number }) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<'setup_too_short' | 'setup_mismatch' | null>(null);
  const { busy, error, run } = useAction();
  const strength = usePassphraseStrength(passphrase, minLength);
  const first = useRef<HTMLInputElement>(null);
  const second = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = newPassphraseProblem(passphrase, confirm, minLength);
    setProblem(found);
    if (found) return (found === 'setup_mismatch' ? second : first).current?.focus();
    await run(async () => {
      await request('vault/create', { passphrase });
      onDone();
    });
  };

  const tooShort = problem === 'setup_too_short' ? t('setup_too_short', String(minLength)) : null;
  const mismatch = problem === 'setup_mismatch' ? t('setup_mismatch') : null;
  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="setup-title">
      <h1 id="setup-title">{t('setup_title')}</h1>
      <p class="muted">{t('setup_intro')}</p>
      <div class="field">
        <label for="setup-passphrase">{t('setup_passphrase')}</label>
        <PassphraseInput id="setup-passphrase" inputRef={first} value={passphrase} autoComplete="new-password"
          onValue={(v) => { setPassphrase(v); if (problem === 'setup_too_short') setProblem(null); }}
          describedBy={`strength${tooShort ? ' setup-short' : ''}`} invalid={Boolean(tooShort)} />
        <StrengthHint id="strength" strength={strength} idle={t('setup_hint', String(minLength))} />
        <FieldError id="setup-short" error={tooShort} />
      </div>
      <div class="field">
        <label for="setup-confirm">{t('setup_confirm')}</label>
        <PassphraseInput id="setup-confirm" inputRef={second} value={confirm} autoComplete="new-password"
          onValue={(v) => { setConfirm(v); if (problem === 'setup_mismatch') setProblem(null); }}
          describedBy={mismatch ? 'setup-mismatch' : undefined} invalid={Boolean(mismatch)} />
        <FieldError id="setup-mismatch" error={mismatch} />
      </div>
      <p class="warning small">{t('setup_forgot')}</p>
      <FieldError id="setup-error" error={error} />
      <button type="submit" class="primary" disabled={busy}>{busy ? t('setup_working') : t('setup_create')}</button>
    </form>
  );
}
