import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { loadStrengthEstimator, isTooShort, type Strength, type StrengthEstimator } from '@/lib/vault/strength';

/**
 * The strength of a new passphrase, or null before anything is typed. The zxcvbn-ts dictionaries
 * are fetched when the first character is typed (not with the page), and until they arrive only the
 * length rule speaks.
 */
export function usePassphraseStrength(passphrase: string, minLength: number, userInputs: string[] = []): Strength | null {
  const [estimate, setEstimate] = useState<StrengthEstimator | null>(null);
  const wanted = passphrase !== '';
  useEffect(() => {
    if (!wanted || estimate) return;
    let live = true;
    loadStrengthEstimator(t('locale_code'), minLength).then((loaded) => { if (live) setEstimate(() => loaded); }, () => undefined);
    return () => { live = false; };
  }, [wanted, estimate, minLength]);
  const inputs = userInputs.join('\u0000');
  const [rated, setRated] = useState<{ passphrase: string; strength: Strength } | null>(null);
  const tooShort = isTooShort(passphrase, minLength);
  useEffect(() => {
    if (!estimate || !passphrase || tooShort) return;
    // A check can take a few hundred milliseconds (long repeats): rate in a task of its own, and
    // only the text that is there once typing pauses, so keystrokes are never held up.
    const task = setTimeout(() => setRated({ passphrase, strength: estimate(passphrase, inputs ? inputs.split('\u0000') : []) }));
    return () => clearTimeout(task);
  }, [estimate, passphrase, tooShort, inputs]);
  if (!passphrase) return null;
  if (tooShort) return 'too_short';
  // While the newest text waits for its rating, the previous rating stays (no flicker to the idle text).
  return rated ? rated.strength : null;
}

const STRENGTH_TEXT = { too_short: 'strength_too_short', weak: 'strength_weak', fair: 'strength_fair', strong: 'strength_strong' } as const;

/** The live line under a new-passphrase field: the rating, or `idle` (e.g. the length advice) before one exists. */
export function StrengthHint({ id, strength, idle }: { id: string; strength: Strength | null; idle: string }) {
  return (
    <div id={id} class={strength ? `strength strength-${strength}` : 'strength'} aria-live="polite">
      {strength ? t(STRENGTH_TEXT[strength]) : idle}
    </div>
  );
}
