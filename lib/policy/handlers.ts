import { AppError } from '@/lib/errors';
import type { HandlersOf } from '@/lib/messaging/types';
import { memoryMap, type SessionMap } from '@/lib/autofill/session-map';
import type { Vault } from '@/lib/vault/vault';
import { allowedKdfPresets, fixedSettings, kdfCostForPolicy, kdfMeetsPolicy, minPassphraseLength, passphraseLongEnough, type ManagedPolicy } from './policy';
import type { POLICY_SENDERS, PolicyProtocol, PolicyView } from './messages';
import { NO_POLICY, type PolicySource } from './source';

export interface PolicyDeps {
  vault: Vault;
  /** storage.managed (absent: no policy, as in other features' unit tests). */
  policy?: PolicySource;
  /**
   * "The passphrase given at the last unlock was shorter than the policy's minimum": only the unlock sees
   * the passphrase, so it is remembered (storage.session: memory only) until a change fixes it.
   */
  policyFlags?: SessionMap<boolean>;
}

export const SHORT_PASSPHRASE = 'shortPassphrase';

/** What the vault lacks against the policy, while unlocked; null when nothing (or when locked). */
export async function upgradeNeeded(vault: Vault, policy: ManagedPolicy, flags: SessionMap<boolean>): Promise<PolicyView['upgrade']> {
  if (!policy.minKdfStrength && !policy.minPassphraseLength) return null;
  if ((await vault.status()) !== 'unlocked') return null;
  const passphrase = (await flags.get(SHORT_PASSPHRASE)) === true;
  const kdf = !kdfMeetsPolicy(await vault.kdfParams(), policy);
  return passphrase || kdf ? { passphrase, kdf } : null;
}

export function createPolicyHandlers(deps: PolicyDeps): HandlersOf<PolicyProtocol, typeof POLICY_SENDERS> {
  const source = deps.policy ?? NO_POLICY;
  const flags = deps.policyFlags ?? memoryMap<boolean>();
  const { vault } = deps;

  const view = async (): Promise<PolicyView> => {
    const policy = await source.current();
    return {
      policy,
      fixed: fixedSettings(policy),
      minPassphraseLength: minPassphraseLength(policy),
      kdfPresets: allowedKdfPresets(policy),
      upgrade: await upgradeNeeded(vault, policy, flags),
    };
  };

  return {
    async 'policy/get'() {
      return view();
    },
    async 'policy/upgrade'({ current, next }) {
      const policy = await source.current();
      const short = (await flags.get(SHORT_PASSPHRASE)) === true;
      const replacement = typeof next === 'string' && next ? next : String(current);
      if (short && replacement === current) {
        throw new AppError('weak_passphrase', `Your organisation requires a passphrase of at least ${minPassphraseLength(policy)} characters: choose a new one.`, { min: minPassphraseLength(policy) });
      }
      if (!passphraseLongEnough(replacement, policy)) {
        throw new AppError('weak_passphrase', `The passphrase must be at least ${minPassphraseLength(policy)} characters long.`, { min: minPassphraseLength(policy) });
      }
      const { memoryKiB, iterations, parallelism } = await vault.kdfParams();
      // One Argon2id run: the new passphrase (or the same one) under at least the policy's cost.
      await vault.changePassphrase(String(current), replacement, kdfCostForPolicy({ memoryKiB, iterations, parallelism }, policy));
      await flags.delete(SHORT_PASSPHRASE);
      return view();
    },
  };
}
