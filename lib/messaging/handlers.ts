import { AppError } from '@/lib/errors';
import type { Account } from '@/lib/otp/account';
import { planAdd } from '@/lib/otp/account';
import { generateCode } from '@/lib/otp/codes';
import { correctedNow } from '@/lib/otp/corrected-clock';
import { draftFromInput } from '@/lib/otp/input';
import { toOtpauthUri } from '@/lib/otp/uri';
import { normalizeSite } from '@/lib/autofill/site';
import type { Settings } from '@/lib/settings/settings';
import { CLIPBOARD_CLEAR_MS } from '@/lib/popup/clipboard';
import type { Vault } from '@/lib/vault/vault';
import type { AccountView, CodeView, EditableFields } from './protocol';
import type { Handlers } from './router';
import { createAutofillHandlers, type AutofillDeps } from '@/lib/autofill/handlers';
import { createEnrolHandlers, type EnrolDeps } from '@/lib/qr/handlers';
import { createBackupHandlers, type BackupDeps } from '@/lib/formats/handlers';
import { checkClock, fetchDateHeader, type DateFetcher } from '@/lib/popup/clock';
import { isKdfPresetName, presetOfParams } from '@/lib/popup/kdf-strength';
import { KDF_PRESETS } from '@/lib/vault/kdf';
import { createSyncHandlers, type SyncDeps } from '@/lib/sync/handlers';

export interface BackgroundDeps {
  /** Empties the clipboard after `ms` (an alarm, so it happens after the popup has closed). */
  clearClipboardLater?(ms: number): Promise<void>;
  vault: Vault;
  loadSettings(): Promise<Settings>;
  saveSettings(patch: Partial<Settings>): Promise<Settings>;
  /** Called on every request from an extension page: the person is using the extension. */
  onActivity(settings: Settings): void;
  now?: () => number;
  /** Clock check: HEAD to the active tab's own origin (tests pass a fake). */
  fetchDate?: DateFetcher;
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

/** Every feature's handlers; `deps` carries what each feature needs from the browser. */
export type AllDeps = BackgroundDeps & AutofillDeps & EnrolDeps & BackupDeps & SyncDeps;

export function createHandlers(deps: AllDeps): Handlers {
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
        if (!normalized) throw new AppError('bad_account', `“${site}” is not a web site address.`);
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
    ...createAutofillHandlers(deps),
    ...createEnrolHandlers(deps),
    ...createBackupHandlers(deps),
    ...createSyncHandlers(deps),
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
        throw new AppError('duplicate', `${existing.issuer || existing.name} (${existing.name}) is already in your vault.`);
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
      if (account.type !== 'hotp') throw new AppError('bad_account', 'Only counter-based (HOTP) accounts have a next code.');
      const updated = await vault.update(id, { counter: account.counter + 1 });
      return codeView(updated, await clockNow());
    },
    async 'accounts/revealUri'({ id, passphrase }) {
      await vault.verifyPassphrase(passphrase);
      return { uri: toOtpauthUri(await vault.get(id)) };
    },
    async 'clipboard/clearLater'() {
      if ((await deps.loadSettings()).clearClipboard) await deps.clearClipboardLater?.(CLIPBOARD_CLEAR_MS);
      return null;
    },
    async 'settings/get'() {
      return deps.loadSettings();
    },
    async 'settings/set'(patch) {
      const settings = await deps.saveSettings(patch);
      deps.onActivity(settings);
      return settings;
    },
    async 'clock/check'() {
      const tab = await deps.activeTab();
      return checkClock(tab?.url ?? null, deps.fetchDate ?? fetchDateHeader, now);
    },
    async 'vault/kdfInfo'() {
      const { memoryKiB, iterations, parallelism } = await vault.kdfParams();
      return { preset: presetOfParams({ memoryKiB, iterations, parallelism }), memoryKiB, iterations, parallelism };
    },
    async 'vault/setKdf'({ passphrase, preset }) {
      if (!isKdfPresetName(preset)) throw new AppError('bad_account', `“${String(preset)}” is not a key-derivation strength.`);
      await vault.changePassphrase(passphrase, passphrase, KDF_PRESETS[preset]);
      // The real cost of the next unlock, measured on this computer with the new parameters.
      const started = performance.now();
      await vault.verifyPassphrase(passphrase);
      return { preset, unlockMs: Math.round(performance.now() - started) };
    },
  };
}
