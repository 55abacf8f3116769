import { describe, expect, it } from 'vitest';
import { countUnused, parseRecoveryCodes } from '@/lib/popup/recovery';

describe('parseRecoveryCodes', () => {
  it('reads GitHub-style codes one per line', () => {
    expect(parseRecoveryCodes('a1b2c-3d4e5\n f6g7h-8i9j0 \n\n')).toEqual([
      { code: 'a1b2c-3d4e5', used: false },
      { code: 'f6g7h-8i9j0', used: false },
    ]);
  });

  it('keeps the space inside Google-style codes but drops numbering and bullets', () => {
    expect(parseRecoveryCodes('1. 1234 5678\r\n2) 8765  4321\n• 1111 2222\n- abcd').map((c) => c.code)).toEqual([
      '1234 5678',
      '8765 4321',
      '1111 2222',
      'abcd',
    ]);
  });

  it('skips duplicates and codes already stored', () => {
    const existing = [{ code: 'aaaa', used: true }];
    expect(parseRecoveryCodes('aaaa\nbbbb\nbbbb', existing)).toEqual([{ code: 'bbbb', used: false }]);
  });

  it('accepts comma-separated lists', () => {
    expect(parseRecoveryCodes('x1, x2;x3').map((c) => c.code)).toEqual(['x1', 'x2', 'x3']);
  });

  it('counts codes not yet used', () => {
    expect(countUnused([{ code: 'a', used: true }, { code: 'b', used: false }])).toBe(1);
  });
});
