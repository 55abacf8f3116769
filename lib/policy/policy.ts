import type { Settings } from '@/lib/settings/settings';
import { KDF_PRESETS, type Argon2idParams } from '@/lib/vault/kdf';
import type { KdfPresetName } from '@/lib/vault/kdf-strength';
import type { EngineKind } from '@/lib/sync/service';

/**
 * What an organisation's IT sets for the extension (`storage.managed`: Chrome's `3rdparty.extensions.<id>`
 * policy, validated against public/managed-schema.json; Firefox's `3rdparty.Extensions.<id>` in
 * policies.json, not validated by Firefox). Every rule is optional: absent means "the person decides".
 * Pure: parsing, clamping and the checks live here; entrypoints/background.ts feeds it storage.managed.
 */
export interface ManagedPolicy {
  /** Passphrases shorter than this are refused at set-up and change; a shorter one asks for a change at unlock. */
  minPassphraseLength?: number;
  /** The weakest key-derivation preset allowed (names as in the options page). */
  minKdfStrength?: KdfPresetName;
  /** Auto-lock after at most this many minutes ("never" is not offered). */
  maxAutoLockMinutes?: number;
  /** true: "lock when the computer is idle or locked" is always on. */
  forceLockOnIdle?: boolean;
  /** true: no unencrypted export (Aegis plain JSON, otpauth list). */
  disablePlainExport?: boolean;
  /** true: no import from files. */
  disableImport?: boolean;
  /** true: the popup asks the person to set up sync until it is on; sync cannot be turned off. */
  requireSync?: boolean;
  /** Sync engines the person may choose. */
  allowedSyncEngines?: EngineKind[];
  /** The only WebDAV address sync may use (the person still gives the user name and password). */
  webdavUrl?: string;
  /** false: no fill button, no automatic fill, no fill from the popup. */
  allowAutoFill?: boolean;
}

/** The settings of the options page the policy decides, for showing them as fixed. */
export type FixedSetting = 'autoLockMinutes' | 'lockOnIdle' | 'autoFill' | 'kdf' | 'passphrase' | 'plainExport' | 'import' | 'syncEngine' | 'webdavUrl' | 'syncRequired';

/** The product's own floor: a policy can raise it, never lower it. */
export const BASE_MIN_PASSPHRASE_LENGTH = 8;
const MAX_PASSPHRASE_RULE = 128;
const MAX_AUTOLOCK = 24 * 60;
const ENGINES: readonly EngineKind[] = ['webdav', 'browser'];
/** Weakest first: the order in which presets compare. */
const KDF_ORDER: readonly KdfPresetName[] = ['light', 'standard', 'strong'];

type Warn = (message: string) => void;

const isInteger = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/**
 * Keeps the rules it understands with the right type; anything else (unknown key, wrong type, out of
 * range) is dropped with one warning each, so a typo in an administrator's file never breaks the extension.
 */
export function parsePolicy(raw: unknown, warn: Warn = (m) => console.warn(`Keyring policy: ${m}`)): ManagedPolicy {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    if (raw !== undefined && raw !== null) warn('the managed policy is not an object; ignored');
    return {};
  }
  const policy: ManagedPolicy = {};
  const drop = (key: string, why: string) => warn(`"${key}" ${why}; ignored`);
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    switch (key) {
      case 'minPassphraseLength':
        if (isInteger(value, 1, MAX_PASSPHRASE_RULE)) policy.minPassphraseLength = value;
        else drop(key, `must be a whole number from 1 to ${MAX_PASSPHRASE_RULE}`);
        break;
      case 'minKdfStrength':
        if (typeof value === 'string' && (KDF_ORDER as readonly string[]).includes(value)) policy.minKdfStrength = value as KdfPresetName;
        else drop(key, `must be one of ${KDF_ORDER.join(', ')}`);
        break;
      case 'maxAutoLockMinutes':
        if (isInteger(value, 1, MAX_AUTOLOCK)) policy.maxAutoLockMinutes = value;
        else drop(key, `must be a whole number of minutes from 1 to ${MAX_AUTOLOCK}`);
        break;
      case 'forceLockOnIdle':
      case 'disablePlainExport':
      case 'disableImport':
      case 'requireSync':
      case 'allowAutoFill':
        if (typeof value === 'boolean') policy[key] = value;
        else drop(key, 'must be true or false');
        break;
      case 'allowedSyncEngines': {
        const engines = Array.isArray(value) ? value.filter((e): e is EngineKind => (ENGINES as readonly unknown[]).includes(e)) : null;
        if (engines && engines.length === (value as unknown[]).length && engines.length > 0) policy.allowedSyncEngines = [...new Set(engines)];
        else drop(key, `must be a non-empty list of ${ENGINES.join(', ')}`);
        break;
      }
      case 'webdavUrl':
        if (typeof value === 'string' && isHttpsUrl(value)) policy.webdavUrl = value;
        else drop(key, 'must be an https:// address');
        break;
      default:
        drop(key, 'is not a Keyring policy');
    }
  }
  // A fixed WebDAV address only means something where WebDAV is allowed.
  if (policy.webdavUrl && policy.allowedSyncEngines && !policy.allowedSyncEngines.includes('webdav')) {
    warn('"webdavUrl" is set but "allowedSyncEngines" does not allow webdav; webdavUrl ignored');
    delete policy.webdavUrl;
  }
  return policy;
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The person's settings as the policy lets them be: what every part of the extension reads. */
export function effectiveSettings(settings: Settings, policy: ManagedPolicy): Settings {
  const out = { ...settings };
  const max = policy.maxAutoLockMinutes;
  // 0 means "never", which a maximum forbids.
  if (max !== undefined && (out.autoLockMinutes === 0 || out.autoLockMinutes > max)) out.autoLockMinutes = max;
  if (policy.forceLockOnIdle) out.lockOnIdle = true;
  if (policy.allowAutoFill === false) out.autoFill = false;
  return out;
}

/** Which controls the organisation decides (shown disabled, with one line saying so). */
export function fixedSettings(policy: ManagedPolicy): FixedSetting[] {
  const fixed: FixedSetting[] = [];
  if (policy.maxAutoLockMinutes !== undefined) fixed.push('autoLockMinutes');
  if (policy.forceLockOnIdle) fixed.push('lockOnIdle');
  if (policy.allowAutoFill === false) fixed.push('autoFill');
  if (policy.minKdfStrength && policy.minKdfStrength !== 'light') fixed.push('kdf');
  if (minPassphraseLength(policy) > BASE_MIN_PASSPHRASE_LENGTH) fixed.push('passphrase');
  if (policy.disablePlainExport) fixed.push('plainExport');
  if (policy.disableImport) fixed.push('import');
  if (policy.allowedSyncEngines && policy.allowedSyncEngines.length < ENGINES.length) fixed.push('syncEngine');
  if (policy.webdavUrl) fixed.push('webdavUrl');
  if (policy.requireSync) fixed.push('syncRequired');
  return fixed;
}

export function minPassphraseLength(policy: ManagedPolicy): number {
  return Math.max(BASE_MIN_PASSPHRASE_LENGTH, policy.minPassphraseLength ?? 0);
}

export function passphraseLongEnough(passphrase: string, policy: ManagedPolicy): boolean {
  return [...passphrase].length >= minPassphraseLength(policy);
}

/** Presets the options page may offer (the policy's minimum and stronger). */
export function allowedKdfPresets(policy: ManagedPolicy): KdfPresetName[] {
  const from = KDF_ORDER.indexOf(policy.minKdfStrength ?? 'light');
  return KDF_ORDER.slice(from);
}

/** Costs at least the policy's preset in memory and in passes (a custom vault counts by its numbers). */
export function kdfMeetsPolicy(params: Pick<Argon2idParams, 'memoryKiB' | 'iterations'>, policy: ManagedPolicy): boolean {
  if (!policy.minKdfStrength) return true;
  const floor = KDF_PRESETS[policy.minKdfStrength];
  return params.memoryKiB >= floor.memoryKiB && params.iterations >= floor.iterations;
}

/** The cost a new or re-wrapped vault gets: the person's choice, raised to the policy's minimum. */
export function kdfCostForPolicy(
  cost: Omit<Argon2idParams, 'name' | 'salt'>,
  policy: ManagedPolicy,
): Omit<Argon2idParams, 'name' | 'salt'> {
  if (kdfMeetsPolicy(cost, policy) || !policy.minKdfStrength) return cost;
  return { ...KDF_PRESETS[policy.minKdfStrength] };
}

export function syncEngineAllowed(engine: EngineKind, policy: ManagedPolicy): boolean {
  return !policy.allowedSyncEngines || policy.allowedSyncEngines.includes(engine);
}

/** Same address, ignoring a trailing slash and the case of the host (URL normalises both sides). */
export function sameWebDavUrl(a: string, b: string): boolean {
  const norm = (u: string) => {
    try {
      return new URL(u).href.replace(/\/+$/, '');
    } catch {
      return u;
    }
  };
  return norm(a) === norm(b);
}
