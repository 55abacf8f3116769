import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';
import { KDF_PRESETS } from '@/lib/vault/kdf';
import {
  allowedKdfPresets,
  effectiveSettings,
  fixedSettings,
  kdfCostForPolicy,
  kdfMeetsPolicy,
  minPassphraseLength,
  parsePolicy,
  passphraseLongEnough,
  sameWebDavUrl,
  syncEngineAllowed,
} from '@/lib/policy/policy';
import { syncViolatesPolicy } from '@/lib/policy/enforce';

const parse = (raw: unknown) => {
  const warnings: string[] = [];
  return { policy: parsePolicy(raw, (m) => warnings.push(m)), warnings };
};

describe('parsePolicy', () => {
  it('keeps every rule of a complete, valid policy', () => {
    const raw = {
      minPassphraseLength: 14,
      minKdfStrength: 'strong',
      maxAutoLockMinutes: 10,
      forceLockOnIdle: true,
      disablePlainExport: true,
      disableImport: true,
      requireSync: true,
      allowedSyncEngines: ['webdav'],
      webdavUrl: 'https://dav.clinic.example/keyring/',
      allowAutoFill: false,
    };
    const { policy, warnings } = parse(raw);
    expect(policy).toEqual(raw);
    expect(warnings).toEqual([]);
  });

  it('drops unknown keys and wrong types with one warning each, keeping the valid rest', () => {
    const { policy, warnings } = parse({
      minPassphraseLength: '12', // a string, as a hand-written registry value may be
      minKdfStrength: 'paranoid',
      maxAutoLockMinutes: 0, // "never" is not a maximum
      forceLockOnIdle: 'yes',
      disableImport: true,
      allowedSyncEngines: ['webdav', 'ftp'],
      webdavUrl: 'http://dav.clinic.example/', // plain HTTP
      allowAutoFIll: false, // typo
    });
    expect(policy).toEqual({ disableImport: true });
    expect(warnings).toHaveLength(7);
    expect(warnings.join('\n')).toMatch(/"allowAutoFIll" is not a Keyring policy/);
    expect(warnings.join('\n')).toMatch(/"webdavUrl" must be an https:\/\/ address/);
  });

  it('never throws, whatever storage.managed holds', () => {
    for (const raw of [null, undefined, 42, 'policy', [], [1, 2], { __proto__: { disableImport: true } }, { minPassphraseLength: Number.NaN }, { allowedSyncEngines: [] }, { maxAutoLockMinutes: 1e9 }]) {
      expect(() => parsePolicy(raw, () => undefined)).not.toThrow();
    }
    expect(parse(null).policy).toEqual({});
    expect(parse(undefined).warnings).toEqual([]);
    expect(parse([1]).policy).toEqual({});
    expect(parse({ __proto__: { disableImport: true } }).policy).toEqual({});
  });

  it('ignores a fixed WebDAV address when WebDAV is not an allowed engine', () => {
    const { policy, warnings } = parse({ allowedSyncEngines: ['browser'], webdavUrl: 'https://dav.example/' });
    expect(policy).toEqual({ allowedSyncEngines: ['browser'] });
    expect(warnings).toHaveLength(1);
  });

  it('warns by default on the console, never throwing', () => {
    expect(parsePolicy({ nonsense: true })).toEqual({});
  });
});

describe('effectiveSettings', () => {
  it('is the person’s settings when there is no policy', () => {
    expect(effectiveSettings({ ...DEFAULT_SETTINGS, autoLockMinutes: 0, lockOnIdle: false, autoFill: true }, {})).toEqual({ ...DEFAULT_SETTINGS, autoLockMinutes: 0, lockOnIdle: false, autoFill: true });
  });

  it('clamps auto-lock to the maximum, "never" included, and keeps a shorter choice', () => {
    const policy = { maxAutoLockMinutes: 30 };
    expect(effectiveSettings({ ...DEFAULT_SETTINGS, autoLockMinutes: 0 }, policy).autoLockMinutes).toBe(30);
    expect(effectiveSettings({ ...DEFAULT_SETTINGS, autoLockMinutes: 240 }, policy).autoLockMinutes).toBe(30);
    expect(effectiveSettings({ ...DEFAULT_SETTINGS, autoLockMinutes: 5 }, policy).autoLockMinutes).toBe(5);
  });

  it('forces lock on idle and turns automatic fill off, leaving theme and clipboard alone', () => {
    const out = effectiveSettings({ ...DEFAULT_SETTINGS, lockOnIdle: false, autoFill: true, theme: 'dark', clearClipboard: false }, { forceLockOnIdle: true, allowAutoFill: false });
    expect(out).toMatchObject({ lockOnIdle: true, autoFill: false, theme: 'dark', clearClipboard: false });
  });

  it('a policy that allows auto-fill or does not force idle locking changes nothing', () => {
    const mine = { ...DEFAULT_SETTINGS, lockOnIdle: false, autoFill: true };
    expect(effectiveSettings(mine, { forceLockOnIdle: false, allowAutoFill: true })).toEqual(mine);
  });
});

describe('fixedSettings and the checks', () => {
  it('names exactly the controls the policy decides', () => {
    expect(fixedSettings({})).toEqual([]);
    expect(fixedSettings({ maxAutoLockMinutes: 5, forceLockOnIdle: false, allowAutoFill: true, minKdfStrength: 'light', minPassphraseLength: 6 })).toEqual(['autoLockMinutes']);
    expect(fixedSettings({ minKdfStrength: 'standard', minPassphraseLength: 12, disablePlainExport: true, disableImport: true, allowedSyncEngines: ['webdav'], webdavUrl: 'https://d.example/', requireSync: true, allowAutoFill: false, forceLockOnIdle: true }))
      .toEqual(['lockOnIdle', 'autoFill', 'kdf', 'passphrase', 'plainExport', 'import', 'syncEngine', 'webdavUrl', 'syncRequired']);
  });

  it('a policy raises the passphrase minimum, never lowers it below 8, and counts characters, not UTF-16 units', () => {
    expect(minPassphraseLength({})).toBe(8);
    expect(minPassphraseLength({ minPassphraseLength: 4 })).toBe(8);
    expect(minPassphraseLength({ minPassphraseLength: 12 })).toBe(12);
    expect(passphraseLongEnough('eleven char', { minPassphraseLength: 12 })).toBe(false);
    expect(passphraseLongEnough('twelve chars', { minPassphraseLength: 12 })).toBe(true);
    expect(passphraseLongEnough('🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑', { minPassphraseLength: 12 })).toBe(false); // 11 characters, 22 units
  });

  it('compares key derivation by memory and passes, against the preset named', () => {
    expect(allowedKdfPresets({})).toEqual(['light', 'standard', 'strong']);
    expect(allowedKdfPresets({ minKdfStrength: 'standard' })).toEqual(['standard', 'strong']);
    expect(kdfMeetsPolicy(KDF_PRESETS.light, { minKdfStrength: 'standard' })).toBe(false);
    expect(kdfMeetsPolicy(KDF_PRESETS.strong, { minKdfStrength: 'standard' })).toBe(true);
    expect(kdfMeetsPolicy({ memoryKiB: 256 * 1024, iterations: 2 }, { minKdfStrength: 'standard' })).toBe(false); // fewer passes
    expect(kdfMeetsPolicy({ memoryKiB: 1024, iterations: 1 }, {})).toBe(true);
    expect(kdfCostForPolicy(KDF_PRESETS.light, { minKdfStrength: 'strong' })).toEqual(KDF_PRESETS.strong);
    expect(kdfCostForPolicy(KDF_PRESETS.strong, { minKdfStrength: 'standard' })).toEqual(KDF_PRESETS.strong);
  });

  it('limits sync engines and compares WebDAV addresses as URLs', () => {
    expect(syncEngineAllowed('browser', {})).toBe(true);
    expect(syncEngineAllowed('browser', { allowedSyncEngines: ['webdav'] })).toBe(false);
    expect(sameWebDavUrl('https://DAV.example/keyring', 'https://dav.example/keyring/')).toBe(true);
    expect(sameWebDavUrl('https://dav.example/other/', 'https://dav.example/keyring/')).toBe(false);
    expect(syncViolatesPolicy(null, { allowedSyncEngines: ['webdav'] })).toBe(false);
    expect(syncViolatesPolicy({ engine: 'browser', url: '' }, { allowedSyncEngines: ['webdav'] })).toBe(true);
    expect(syncViolatesPolicy({ engine: 'webdav', url: 'https://home.example/' }, { webdavUrl: 'https://dav.example/' })).toBe(true);
    expect(syncViolatesPolicy({ engine: 'webdav', url: 'https://dav.example' }, { webdavUrl: 'https://dav.example/' })).toBe(false);
  });
});
