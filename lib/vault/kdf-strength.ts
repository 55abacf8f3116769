import { KDF_PRESETS, type Argon2idParams } from '@/lib/vault/kdf';

export type KdfPresetName = keyof typeof KDF_PRESETS;

export const KDF_PRESET_NAMES = Object.keys(KDF_PRESETS) as KdfPresetName[];

export function isKdfPresetName(value: unknown): value is KdfPresetName {
  return typeof value === 'string' && Object.hasOwn(KDF_PRESETS, value);
}

/** Which preset the vault's parameters are, or 'custom' (e.g. a vault made by an older version). */
export function presetOfParams(params: Pick<Argon2idParams, 'memoryKiB' | 'iterations' | 'parallelism'>): KdfPresetName | 'custom' {
  for (const name of KDF_PRESET_NAMES) {
    const preset = KDF_PRESETS[name];
    if (preset.memoryKiB === params.memoryKiB && preset.iterations === params.iterations && preset.parallelism === params.parallelism) return name;
  }
  return 'custom';
}
