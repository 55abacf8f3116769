import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { Icon } from './Icons';

interface Props {
  id: string;
  value: string;
  onValue: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  inputRef?: Ref<HTMLInputElement>;
  describedBy?: string;
  invalid?: boolean;
}

/** A passphrase field with a show/hide toggle, so a long passphrase can be checked before it is used. */
export function PassphraseInput({ id, value, onValue, autoComplete, inputRef, describedBy, invalid }: Props) {
  const [shown, setShown] = useState(false);
  return (
    <div class="password-field">
      <input ref={inputRef} id={id} type={shown ? 'text' : 'password'} autoComplete={autoComplete} spellcheck={false} value={value}
        aria-describedby={describedBy} aria-invalid={invalid || undefined} onInput={(e) => onValue(e.currentTarget.value)} />
      <button type="button" class="icon reveal" aria-pressed={shown} aria-label={t('passphrase_show')} title={t('passphrase_show')}
        onClick={() => setShown((s) => !s)}>
        <Icon name={shown ? 'eyeOff' : 'eye'} />
      </button>
    </div>
  );
}
