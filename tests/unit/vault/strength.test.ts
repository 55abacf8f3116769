import { beforeAll, describe, expect, it } from 'vitest';
import { isTooShort, loadStrengthEstimator, newPassphraseProblem, strengthOfScore, type StrengthEstimator } from '@/lib/vault/strength';
import { checkPassphrase, MIN_PASSPHRASE_LENGTH } from '@/lib/vault/vault';
import { AppError } from '@/lib/errors';

// Building zxcvbn's ranked dictionaries takes a second or two per language on a busy machine.
const BUILD = 120_000;
const estimators: Record<string, StrengthEstimator> = {};
beforeAll(async () => {
  for (const locale of ['en', 'de', 'pl', 'zh-CN']) estimators[locale] = await loadStrengthEstimator(locale, MIN_PASSPHRASE_LENGTH);
}, BUILD);
const rate = (locale: string, passphrase: string) => estimators[locale]!(passphrase);

describe('passphrase strength (zxcvbn-ts)', () => {
  it.each([
    // Entries of zxcvbn's common-password list, with the usual decorations (l33t, a digit, a year, keyboard rows).
    'password123', 'P@ssw0rd!', 'iloveyou1', '123456789', 'qwertyuiop', 'letmein2024', 'aaaaaaaaaaaa', 'sakura19951995',
  ])('rates the common password %s weak, in every language', (passphrase) => {
    for (const locale of Object.keys(estimators)) expect(rate(locale, passphrase)).toBe('weak');
  });

  it.each([
    'correct horse battery staple',
    'cleft cam synod lacy yr wok', // six words of the Diceware list
  ])('rates the long word phrase "%s" strong', (passphrase) => {
    for (const locale of Object.keys(estimators)) expect(rate(locale, passphrase)).toBe('strong');
  });

  it("penalises a name from the person's own language list, which English lists miss", () => {
    // German first name + year: the German lists know Bärbel.
    expect(rate('en', 'Bärbel1987')).toBe('fair');
    expect(rate('de', 'Bärbel1987')).toBe('weak');
    // A German word (Eichhörnchen, squirrel) is a long random string to an English-only estimate.
    expect(rate('en', 'Eichhörnchen2024')).toBe('strong');
    expect(rate('de', 'Eichhörnchen2024')).toBe('weak');
    // Polish first names.
    expect(rate('en', 'Szczepan2024')).toBe('strong');
    expect(rate('pl', 'Szczepan2024')).toBe('weak');
    expect(rate('en', 'Wojciech!2024')).toBe('fair');
    expect(rate('pl', 'Wojciech!2024')).toBe('weak');
  });

  it('maps the score: only 10^10 guesses and more is strong', () => {
    expect([0, 1, 2, 3, 4].map(strengthOfScore)).toEqual(['weak', 'weak', 'weak', 'fair', 'strong']);
  });

  it('says too_short exactly when the background refuses the passphrase (weak_passphrase)', () => {
    const candidates = ['', 'short', 'seven77', 'eight888', '😀😀😀😀😀😀😀', '😀😀😀😀😀😀😀😀', 'password', 'x'.repeat(MIN_PASSPHRASE_LENGTH - 1), 'x'.repeat(MIN_PASSPHRASE_LENGTH)];
    for (const passphrase of candidates) {
      let refused = false;
      try {
        checkPassphrase(passphrase);
      } catch (error) {
        refused = error instanceof AppError && error.code === 'weak_passphrase';
      }
      expect(rate('en', passphrase) === 'too_short', passphrase).toBe(refused);
      expect(isTooShort(passphrase, MIN_PASSPHRASE_LENGTH), passphrase).toBe(refused);
    }
  });

  it('keeps one estimator per language (the dictionaries are built once)', async () => {
    expect(await loadStrengthEstimator('de', MIN_PASSPHRASE_LENGTH)).toBe(estimators.de);
    expect(await loadStrengthEstimator('de-AT', MIN_PASSPHRASE_LENGTH)).toBe(estimators.de);
  });
});

describe('newPassphraseProblem', () => {
  it('asks for the minimum length (counting characters, not UTF-16 units), then for the same text twice', () => {
    expect(newPassphraseProblem('short', 'short', 8)).toBe('setup_too_short');
    expect(newPassphraseProblem('😀😀😀😀😀😀😀', '😀😀😀😀😀😀😀', 8)).toBe('setup_too_short'); // 14 UTF-16 units, 7 characters
    expect(newPassphraseProblem('long enough', 'long enougH', 8)).toBe('setup_mismatch');
    expect(newPassphraseProblem('long enough', 'long enough', 8)).toBeNull();
  });
});
