import type { SendersOf } from '@/lib/messaging/types';
import type { KdfPresetName } from '@/lib/vault/kdf-strength';
import type { FixedSetting, ManagedPolicy } from './policy';

export interface PolicyView {
  /** The rules in force (empty: no policy, the person decides everything). */
  policy: ManagedPolicy;
  /** Controls the organisation decides: shown disabled, with one line saying so. */
  fixed: FixedSetting[];
  minPassphraseLength: number;
  /** The key-derivation presets the options page may offer. */
  kdfPresets: KdfPresetName[];
  /**
   * Unlocked only: the vault is weaker than the policy and nothing else works until it is fixed.
   * `passphrase`: the passphrase given at the last unlock is too short; `kdf`: the key derivation is too cheap.
   */
  upgrade: { passphrase: boolean; kdf: boolean } | null;
}

/** Messages of the managed policy (extension pages only). */
export interface PolicyProtocol {
  'policy/get': { request: null; response: PolicyView };
  /**
   * After an unlock that found the vault weaker than the policy: re-wrap the master key with a long enough
   * passphrase (`next`, when the passphrase is too short) and at least the policy's key-derivation cost.
   */
  'policy/upgrade': { request: { current: string; next?: string }; response: PolicyView };
}

const PAGES = ['extension-page'] as const;

export const POLICY_SENDERS = {
  'policy/get': PAGES,
  'policy/upgrade': PAGES,
} as const satisfies SendersOf<PolicyProtocol>;
