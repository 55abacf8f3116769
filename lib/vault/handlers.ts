import { AppError } from '@/lib/errors';
import type { HandlersOf } from '@/lib/messaging/types';
import type { Account } from '@/lib/otp/account';
import { planAdd } from '@/lib/otp/account';
import { generateCode } from '@/lib/otp/codes';
import { correctedNow } from '@/lib/otp/corrected-clock';
import { draftFromInput } from '@/lib/otp/input';
import { toOtpauthUri } from '@/lib/otp/uri';
import { normalizeSite } from '@/lib/autofill/site';
import type { Settings } from '@/lib/settings/settings';
import { isKdfPresetName, presetOfParams } from './kdf-strength';
import { KDF_PRESETS } from './kdf';
import type { AccountView, CodeView, EditableFields, VAULT_SENDERS, VaultProtocol } from './messages';
import type { Vault } from './vault';

/** What every feature's handlers share, given by entrypoints/background.ts: the vault, the settings, the time. */
export interface BackgroundDeps {
  vault: Vault;
  loadSettings(): Promise<Settings>;
  now?: () => number;
}

/** How long a deleted account can be brought back. */
export const UNDO_WINDOW_MS = 60_000;

export function toView(account: Account): AccountView {
  const { secret: _secret, ...view } = account;
  return view;
}

export function codeView(account: Account, now: number): CodeView {
  if (account.type === 'hotp') {
    return { id: account.id, code: generateCode(account, now), nextCode: null, validUntil: null, period: 0 };
  }
  const periodMs = account.period * 1000;
  const validUntil = Math.floor(now / periodMs) * periodMs + periodMs;
  return {
    id: account.id,
    code: generateCode(account, now),
    nextCode: generateCode(account, validUntil),
    validUntil,
    period: account.period,
  };
}

/** The vault's and the accounts list's messages (lib/vault/messages.ts). */
export function createVaultHandlers(deps: BackgroundDeps): HandlersOf<VaultProtocol, typeof VAULT_SENDERS> {
  const { vault } = deps;
  const now = deps.now ?? Date.now;
  const deleted = new Map<string, { accounts: Account[]; expiresAt: number }>();

  const clockNow = async () => correctedNow(now(), await deps.loadSettings());

  const sanitizeFields = (fields: EditableFields): EditableFields => {
    const clean: EditableFields = {};
    if (fields.issuer !== undefined) clean.issuer = String(fields.issuer).trim();
    if (fields.name !== undefined) clean.name = String(fields.name).trim();
    if (fields.notes !== undefined) clean.notes = String(fields.notes);
    if (fields.pinned !== undefined) clean.pinned = Boolean(fields.pinned);
    if (fields.sites !== undefined) {
      clean.sites = [...new Set(fields.sites.map((site) => {
        const normalized = normalizeSite(site);
        if (!normalized) throw new AppError('not_a_site', `“${site}” is not a web site address.`, { site: site.slice(0, 100) });
        return normalized;
      }))];
    }
    if (fields.recoveryCodes !== undefined) {
      clean.recoveryCodes = fields.recoveryCodes
        .map((c) => ({ code: String(c.code).trim(), used: Boolean(c.used) }))
        .filter((c) => c.code.length > 0);
    }
    return clean;
  };

  return {
    async 'vault/status'() {
      const { failures, retryAt } = await vault.unlockAttempts();
      return { status: await vault.status(), settings: await deps.loadSettings(), unlockFailures: failures, retryAt };
    },
    async 'vault/create'({ passphrase }) {
      await vault.create(passphrase);
      return null;
    },
    async 'vault/unlock'({ passphrase }) {
      await vault.unlock(passphrase);
      return null;
    },
    async 'vault/lock'() {
      await vault.lock();
      deleted.clear();
      return null;
    },
    async 'vault/changePassphrase'({ current, next }) {
      await vault.changePassphrase(current, next);
      return null;
    },
    async 'accounts/list'() {
      const { accounts, damaged } = await vault.contents();
      return { accounts: accounts.map(toView), damaged };
    },
    async 'accounts/codes'({ ids }) {
      const { accounts } = await vault.contents();
      const wanted = ids ? new Set(ids) : null;
      const at = await clockNow();
      return accounts.filter((a) => !wanted || wanted.has(a.id)).map((a) => codeView(a, at));
    },
    async 'accounts/add'(input) {
      const draft = draftFromInput(input);
      const { accounts } = await vault.contents();
      const existing = planAdd(accounts, [draft]).duplicates[0]?.of;
      if (existing) {
        throw new AppError('duplicate', `${existing.issuer || existing.name} (${existing.name}) is already in your vault.`, { name: existing.issuer && existing.name ? `${existing.issuer} (${existing.name})` : existing.issuer || existing.name });
      }
      const [added] = await vault.add([draft]);
      return toView(added!);
    },
    async 'accounts/update'({ id, fields }) {
      return toView(await vault.update(id, sanitizeFields(fields)));
    },
    async 'accounts/reorder'({ ids }) {
      await vault.updateMany(ids.map((id, order) => ({ id, patch: { order } })));
      return null;
    },
    async 'accounts/delete'({ ids }) {
      const removed = await vault.remove(ids);
      const undoToken = crypto.randomUUID();
      deleted.set(undoToken, { accounts: removed, expiresAt: now() + UNDO_WINDOW_MS });
      return { undoToken };
    },
    async 'accounts/undoDelete'({ undoToken }) {
      const entry = deleted.get(undoToken);
      deleted.delete(undoToken);
      if (!entry || entry.expiresAt < now()) throw new AppError('undo_expired', 'Too late to undo: the account was deleted.');
      await vault.restore(entry.accounts);
      return null;
    },
    async 'accounts/hotpNext'({ id }) {
      const account = await vault.get(id);
      if (account.type !== 'hotp') throw new AppError('not_hotp', 'Only counter-based (HOTP) accounts have a next code.');
      const updated = await vault.update(id, { counter: account.counter + 1 });
      return codeView(updated, await clockNow());
    },
    async 'accounts/revealUri'({ id, passphrase }) {
      await vault.verifyPassphrase(passphrase);
      return { uri: toOtpauthUri(await vault.get(id)) };
    },
    async 'vault/kdfInfo'() {
      const { memoryKiB, iterations, parallelism } = await vault.kdfParams();
      return { preset: presetOfParams({ memoryKiB, iterations, parallelism }), memoryKiB, iterations, parallelism };
    },
    async 'vault/setKdf'({ passphrase, preset }) {
      if (!isKdfPresetName(preset)) throw new AppError('unknown_kdf_preset', `“${String(preset)}” is not a key-derivation strength.`, { preset: String(preset).slice(0, 40) });
      await vault.changePassphrase(passphrase, passphrase, KDF_PRESETS[preset]);
      // The real cost of the next unlock, measured on this computer with the new parameters.
      const started = performance.now();
      await vault.verifyPassphrase(passphrase);
      return { preset, unlockMs: Math.round(performance.now() - started) };
    },
  };
}
