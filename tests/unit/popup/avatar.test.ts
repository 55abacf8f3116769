import { describe, expect, it } from 'vitest';
import { avatarOf } from '@/lib/popup/avatar';

describe('avatarOf', () => {
  it('takes the first letter or digit, upper-cased, skipping punctuation', () => {
    expect(avatarOf('github').letter).toBe('G');
    expect(avatarOf('  @élan').letter).toBe('É');
    expect(avatarOf('1Password').letter).toBe('1');
    expect(avatarOf('—').letter).toBe('?');
  });
  it('gives the same hue to the same title, whatever its case, and spreads titles over the wheel', () => {
    expect(avatarOf('GitHub').hue).toBe(avatarOf('github').hue);
    const hues = new Set(['GitHub', 'Proton', 'Google', 'Amazon', 'Dropbox', 'Steam'].map((s) => avatarOf(s).hue));
    expect(hues.size).toBeGreaterThan(4);
    for (const hue of hues) expect(hue).toBeGreaterThanOrEqual(0);
  });
});
