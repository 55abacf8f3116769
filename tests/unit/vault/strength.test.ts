import { describe, expect, it } from 'vitest';
import { newPassphraseProblem, passphraseStrength } from '@/lib/vault/strength';

describe('passphraseStrength', () => {
  it.each([
    ['short', 'too_short'],
    ['password123', 'weak'],
    ['aaaaaaaaaaaa', 'weak'],
    ['12345678', 'weak'],
    ['tulip-river', 'fair'],
    ['correct horse battery staple', 'strong'],
    ['Tr0ub4dor&3-Xq!', 'strong'],
  ])('rates %s as %s', (passphrase, expected) => {
    expect(passphraseStrength(passphrase).strength).toBe(expected);
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
