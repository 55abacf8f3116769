import { describe, expect, it } from 'vitest';
import { isKdfPresetName, presetOfParams } from '@/lib/vault/kdf-strength';

describe('presetOfParams', () => {
  it('names each preset from its parameters and calls anything else custom', () => {
    expect(presetOfParams({ memoryKiB: 65536, iterations: 3, parallelism: 4 })).toBe('standard');
    expect(presetOfParams({ memoryKiB: 19456, iterations: 2, parallelism: 1 })).toBe('light');
    expect(presetOfParams({ memoryKiB: 131072, iterations: 4, parallelism: 4 })).toBe('strong');
    expect(presetOfParams({ memoryKiB: 65536, iterations: 2, parallelism: 4 })).toBe('custom');
  });

  it('accepts only known preset names', () => {
    expect(isKdfPresetName('strong')).toBe(true);
    expect(isKdfPresetName('toString')).toBe(false);
    expect(isKdfPresetName(3)).toBe(false);
  });
});
