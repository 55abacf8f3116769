import { describe, expect, it } from 'vitest';
import { correctedNow } from '@/lib/otp/corrected-clock';

describe('correctedNow', () => {
  it('adds the clock check correction, in seconds, to the computer time in milliseconds', () => {
    expect(correctedNow(1_000_000, { clockOffsetSeconds: 0 })).toBe(1_000_000);
    expect(correctedNow(1_000_000, { clockOffsetSeconds: 90 })).toBe(1_090_000);
    expect(correctedNow(1_000_000, { clockOffsetSeconds: -30 })).toBe(970_000);
  });
});
