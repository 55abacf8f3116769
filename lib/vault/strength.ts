/**
 * A quick passphrase strength hint (not a gate beyond the minimum length): estimated guessing
 * entropy from length and character variety, with a penalty for repeats and common patterns.
 */
export type Strength = 'too_short' | 'weak' | 'fair' | 'strong';

const COMMON = /^(password|passw0rd|qwerty|letmein|welcome|admin|iloveyou|123456|abc123|monkey|dragon)/i;

export function passphraseStrength(passphrase: string, minLength = 8): { strength: Strength; bits: number } {
  const chars = [...passphrase];
  if (chars.length < minLength) return { strength: 'too_short', bits: 0 };
  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/\d/.test(passphrase)) pool += 10;
  if (/[^a-zA-Z\d]/.test(passphrase)) pool += 33;
  const distinct = new Set(chars).size;
  // Repeated characters add little: count each distinct character fully, repeats at a quarter.
  const effectiveLength = distinct + (chars.length - distinct) / 4;
  let bits = Math.round(effectiveLength * Math.log2(Math.max(pool, 2)));
  if (COMMON.test(passphrase) || /^(.)\1+$/.test(passphrase) || /^(0123|1234|abcd)/i.test(passphrase)) bits = Math.min(bits, 20);
  const strength: Strength = bits < 40 ? 'weak' : bits < 65 ? 'fair' : 'strong';
  return { strength, bits };
}

/** What is wrong with a new passphrase typed twice (a message key taking the minimum length), or null. */
export function newPassphraseProblem(passphrase: string, again: string, minLength: number): 'setup_too_short' | 'setup_mismatch' | null {
  if ([...passphrase].length < minLength) return 'setup_too_short';
  if (passphrase !== again) return 'setup_mismatch';
  return null;
}
