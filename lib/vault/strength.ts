/**
 * The passphrase strength hint. The background refuses only a passphrase shorter than the minimum
 * (vault.ts `checkPassphrase`, error `weak_passphrase`); the hint says `too_short` by that very rule
 * and otherwise rates the guessing effort with zxcvbn-ts (dictionaries of common passwords, English
 * and the UI's language, keyboard patterns, dates, repeats, l33t) — advice, not a gate.
 */
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export type Strength = 'too_short' | 'weak' | 'fair' | 'strong';

/** The minimum-length rule, counting characters (an emoji is one), as the background counts them. */
export function isTooShort(passphrase: string, minLength: number): boolean {
  return [...passphrase].length < minLength;
}

/**
 * zxcvbn's score is log10 of the estimated guesses: 4 means at least 10^10. The vault key is an
 * offline target (Argon2id slows each guess, but a stolen profile can be attacked forever), so only
 * 4 is "strong"; 3 (10^8..10^10) is "fair"; below that a password list or a few days find it.
 */
export function strengthOfScore(score: number): Exclude<Strength, 'too_short'> {
  return score >= 4 ? 'strong' : score === 3 ? 'fair' : 'weak';
}

export type StrengthEstimator = (passphrase: string, userInputs?: string[]) => Strength;

type Dictionaries = Record<string, string[]>;

/**
 * Word lists per UI language (primary subtag of the catalogue's `locale_code`). Each is a dynamic
 * import: its own chunk, fetched only by a page that sets a passphrase, only for its language.
 * Chinese has no zxcvbn-ts list; it gets the common and English ones.
 */
const LANGUAGE_DICTIONARIES: Record<string, () => Promise<{ dictionary: Dictionaries }>> = {
  de: () => import('@zxcvbn-ts/language-de'),
  es: () => import('@zxcvbn-ts/language-es-es'),
  fr: () => import('@zxcvbn-ts/language-fr'),
  it: () => import('@zxcvbn-ts/language-it'),
  ja: () => import('@zxcvbn-ts/language-ja'),
  nl: () => import('@zxcvbn-ts/language-nl-be'),
  pl: () => import('@zxcvbn-ts/language-pl'),
  pt: () => import('@zxcvbn-ts/language-pt-br'),
};

/** Older language packs name their lists `commonWords`…; suffix them like the newer `commonWords-fr` so none collides with English's. */
function suffixed(dictionary: Dictionaries, language: string): Dictionaries {
  return Object.fromEntries(Object.entries(dictionary).map(([name, words]) => [name.includes('-') ? name : `${name}-${language}`, words]));
}

const loaded = new Map<string, Promise<StrengthEstimator>>();

export function loadStrengthEstimator(locale: string, minLength: number): Promise<StrengthEstimator> {
  const language = locale.toLowerCase().split(/[-_]/)[0] ?? 'en';
  const key = `${language}\u0000${minLength}`;
  let estimator = loaded.get(key);
  if (!estimator) {
    estimator = build(language, minLength);
    loaded.set(key, estimator);
    // A failed fetch may be retried by the next form that asks.
    estimator.catch(() => loaded.delete(key));
  }
  return estimator;
}

async function build(language: string, minLength: number): Promise<StrengthEstimator> {
  const [{ ZxcvbnFactory }, common, english, own] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
    LANGUAGE_DICTIONARIES[language]?.() ?? Promise.resolve(null),
  ]);
  const zxcvbn: ZxcvbnFactory = new ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary, ...(own ? suffixed(own.dictionary, language) : {}) },
    // No Levenshtein matching: over these word lists it costs seconds per keystroke.
  });
  return (passphrase, userInputs = []) => {
    if (isTooShort(passphrase, minLength)) return 'too_short';
    return strengthOfScore(zxcvbn.check(passphrase, userInputs).score);
  };
}

/** What is wrong with a new passphrase typed twice (a message key taking the minimum length), or null. */
export function newPassphraseProblem(passphrase: string, again: string, minLength: number): 'setup_too_short' | 'setup_mismatch' | null {
  if (isTooShort(passphrase, minLength)) return 'setup_too_short';
  if (passphrase !== again) return 'setup_mismatch';
  return null;
}
