import { AppError } from '@/lib/errors';
import type { Handlers } from '@/lib/messaging/router';
import type { MessageType, ToBackground } from '@/lib/messaging/protocol';
import type { SessionMap } from '@/lib/autofill/session-map';
import type { SettingsStore } from '@/lib/settings/store';
import type { Settings } from '@/lib/settings/settings';
import { DEFAULT_KDF_COST } from '@/lib/vault/kdf';
import type { Vault } from '@/lib/vault/vault';
import { isKdfPresetName } from '@/lib/vault/kdf-strength';
import { SHORT_PASSPHRASE, upgradeNeeded } from './handlers';
import {
  allowedKdfPresets,
  effectiveSettings,
  kdfCostForPolicy,
  minPassphraseLength,
  passphraseLongEnough,
  sameWebDavUrl,
  syncEngineAllowed,
  type ManagedPolicy,
} from './policy';
import type { PolicySource } from './source';

/**
 * The settings every part of the background reads, clamped by the policy; a save is clamped before it is
 * stored. The person's own choice of anything the policy does not decide is kept as it is.
 */
export function enforcedSettingsStore(store: SettingsStore, source: PolicySource): SettingsStore {
  return {
    load: async () => effectiveSettings(await store.load(), await source.current()),
    async save(patch: Partial<Settings>) {
      const policy = await source.current();
      const clamped = effectiveSettings({ ...(await store.load()), ...patch }, policy);
      const allowed: Partial<Settings> = {};
      for (const key of Object.keys(patch) as (keyof Settings)[]) (allowed as Record<string, unknown>)[key] = clamped[key];
      return effectiveSettings(await store.save(allowed), policy);
    },
  };
}

export interface EnforceDeps {
  vault: Vault;
  policy: PolicySource;
  policyFlags: SessionMap<boolean>;
}

/**
 * While the vault is weaker than the policy, only these answer: enough to see the state, lock, and fix it.
 * Everything else is refused, so no code is shown or filled until the passphrase/KDF meets the policy.
 */
const DURING_UPGRADE: ReadonlySet<MessageType> = new Set<MessageType>([
  'vault/status',
  'vault/lock',
  'vault/kdfInfo',
  'vault/setKdf',
  'vault/changePassphrase',
  'policy/get',
  'policy/upgrade',
  'settings/get',
  'settings/set',
  'sync/status',
  'backups/status',
  'clock/check',
  'autofill/openUnlock',
  'autofill/words',
  'autofill/loadUi',
]);

const refuse = (what: string): never => {
  throw new AppError('policy_forbids', `Your organisation's policy does not allow ${what}.`);
};

/**
 * The background's handlers with the organisation's rules in front of them. Each rule is read from the
 * policy at the time of the request, so a policy change applies to the next message without a restart.
 */
export function enforcePolicy(inner: Handlers, deps: EnforceDeps): Handlers {
  const { vault, policyFlags: flags } = deps;
  const policy = () => deps.policy.current();
  const fillOff = async () => (await policy()).allowAutoFill === false;

  const overrides: Partial<Handlers> = {
    async 'vault/create'({ passphrase }) {
      const rules = await policy();
      if (!passphraseLongEnough(String(passphrase), rules)) {
        throw new AppError('weak_passphrase', `The passphrase must be at least ${minPassphraseLength(rules)} characters long.`, { min: minPassphraseLength(rules) });
      }
      await vault.create(passphrase, kdfCostForPolicy(DEFAULT_KDF_COST, rules));
      return null;
    },
    async 'vault/unlock'(payload, sender) {
      const result = await inner['vault/unlock'](payload, sender);
      // The only moment the background holds the passphrase: remember whether it is long enough.
      if (passphraseLongEnough(String(payload.passphrase), await policy())) await flags.delete(SHORT_PASSPHRASE);
      else await flags.set(SHORT_PASSPHRASE, true);
      return result;
    },
    async 'vault/changePassphrase'(payload, sender) {
      const rules = await policy();
      if (!passphraseLongEnough(String(payload.next), rules)) {
        throw new AppError('weak_passphrase', `The passphrase must be at least ${minPassphraseLength(rules)} characters long.`, { min: minPassphraseLength(rules) });
      }
      const result = await inner['vault/changePassphrase'](payload, sender);
      await flags.delete(SHORT_PASSPHRASE);
      return result;
    },
    async 'vault/setKdf'(payload, sender) {
      if (!isKdfPresetName(payload.preset) || !allowedKdfPresets(await policy()).includes(payload.preset)) refuse('a weaker key derivation');
      return inner['vault/setKdf'](payload, sender);
    },
    async 'backup/export'(payload, sender) {
      if (payload.format !== 'aegis-encrypted' && (await policy()).disablePlainExport) refuse('an unencrypted export');
      return inner['backup/export'](payload, sender);
    },
    async 'backup/preview'(payload, sender) {
      if ((await policy()).disableImport) refuse('importing accounts');
      return inner['backup/preview'](payload, sender);
    },
    async 'backup/import'(payload, sender) {
      if ((await policy()).disableImport) refuse('importing accounts');
      return inner['backup/import'](payload, sender);
    },
    async 'sync/enable'(payload, sender) {
      const rules = await policy();
      if (!syncEngineAllowed(payload.engine, rules)) refuse(`sync with ${String(payload.engine)}`);
      if (payload.engine === 'webdav' && rules.webdavUrl) {
        if (!payload.webdav || !sameWebDavUrl(String(payload.webdav.url), rules.webdavUrl)) refuse('another WebDAV address');
        return inner['sync/enable']({ ...payload, webdav: { ...payload.webdav!, url: rules.webdavUrl } }, sender);
      }
      return inner['sync/enable'](payload, sender);
    },
    async 'sync/disable'(payload, sender) {
      if ((await policy()).requireSync) refuse('turning sync off');
      return inner['sync/disable'](payload, sender);
    },
    async 'autofill/probe'(payload, sender) {
      if (await fillOff()) return { fillable: false, locked: false, bound: 0, autoFill: false };
      return inner['autofill/probe'](payload, sender);
    },
    async 'autofill/code'(payload, sender) {
      if (await fillOff()) return { kind: 'none', reason: 'policy_no_fill' };
      return inner['autofill/code'](payload, sender);
    },
    async 'autofill/pick'(payload, sender) {
      if (await fillOff()) return { kind: 'none', reason: 'policy_no_fill' };
      return inner['autofill/pick'](payload, sender);
    },
    async 'autofill/fillActiveTab'(payload, sender) {
      if (await fillOff()) return { filled: false };
      return inner['autofill/fillActiveTab'](payload, sender);
    },
    async 'autofill/loadUi'(payload, sender) {
      if (await fillOff()) refuse('filling codes into pages');
      return inner['autofill/loadUi'](payload, sender);
    },
    async 'autofill/bind'(payload, sender) {
      if (await fillOff()) refuse('filling codes into pages');
      return inner['autofill/bind'](payload, sender);
    },
  };
  const ruled = { ...inner, ...overrides } as Handlers;

  // The upgrade gate in front of everything: a content script sees a locked vault (its key opens the
  // popup, which asks for the upgrade); an extension page gets an error naming the reason.
  const gated: Record<string, (payload: unknown, sender: Parameters<Handlers[ToBackground]>[1]) => Promise<unknown>> = {};
  for (const type of Object.keys(ruled) as ToBackground[]) {
    const handler = ruled[type] as (payload: unknown, sender: Parameters<Handlers[ToBackground]>[1]) => Promise<unknown>;
    gated[type] = async (payload, sender) => {
      if (!DURING_UPGRADE.has(type) && (await upgradeNeeded(vault, await policy(), flags))) {
        if (type === 'autofill/probe') return { fillable: true, locked: true, bound: 0, autoFill: false };
        if (type === 'autofill/code' || type === 'autofill/pick') return { kind: 'locked' };
        throw new AppError('policy_upgrade_needed', 'Your organisation requires a stronger passphrase or key derivation: change it first.');
      }
      return handler(payload, sender);
    };
  }
  return gated as Handlers;
}

/** Sync set up before the policy, with an engine or address the policy no longer allows: turned off. */
export function syncViolatesPolicy(settings: { engine: string; url: string } | null, policy: ManagedPolicy): boolean {
  if (!settings) return false;
  if (!syncEngineAllowed(settings.engine as 'webdav' | 'browser', policy)) return true;
  return settings.engine === 'webdav' && policy.webdavUrl !== undefined && !sameWebDavUrl(settings.url, policy.webdavUrl);
}
