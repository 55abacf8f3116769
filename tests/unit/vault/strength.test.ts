import { describe, expect, it } from 'vitest';
import { passphraseStrength } from '@/lib/vault/strength';

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
