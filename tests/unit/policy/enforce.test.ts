import { describe, expect, it } from 'vitest';
import { createAutofillHandlers, type BindRequest } from '@/lib/autofill/handlers';
import { createClipboardHandlers } from '@/lib/clipboard/handlers';
import { createBackupHandlers } from '@/lib/formats/handlers';
import type { ContentScriptSender, ExtensionPageSender } from '@/lib/messaging/types';
import { createPolicyHandlers } from '@/lib/policy/handlers';
import { createEnrolHandlers } from '@/lib/qr/handlers';
import { createSettingsHandlers } from '@/lib/settings/handlers';
import { createSyncHandlers } from '@/lib/sync/handlers';
import { createClockHandlers } from '@/lib/time/handlers';
import { createVaultHandlers } from '@/lib/vault/handlers';
import { memoryMap } from '@/lib/autofill/session-map';
import { enforcedSettingsStore, enforcePolicy } from '@/lib/policy/enforce';
import type { ManagedPolicy } from '@/lib/policy/policy';
import type { PolicySource } from '@/lib/policy/source';
import { settingsStore } from '@/lib/settings/store';
import { DEFAULT_OTP, type AccountDraft } from '@/lib/otp/account';
import { makeVault, TEST_COST } from '../vault/helpers';

const BANK: AccountDraft = { ...DEFAULT_OTP, issuer: 'Bank', name: 'me', secret: 'JBSWY3DPEHPK3PXP', sites: ['bank.example'], notes: '', pinned: false, recoveryCodes: [] };

const POPUP: ExtensionPageSender = { kind: 'extension-page', url: 'chrome-extension://abc/popup.html' };
const PAGE: ContentScriptSender = { kind: 'content-script', url: 'https://bank.example/login', origin: 'https://bank.example', tabId: 1, frameId: 0, topUrl: 'https://bank.example/login' };
const unused = async (): Promise<never> => {
  throw new Error('not used here');
};

/** A policy the test changes between requests, as an administrator does between two of the person's clicks. */
function mutablePolicy(initial: ManagedPolicy) {
  let policy = initial;
  const source: PolicySource = { current: async () => policy };
  return { source, set: (next: ManagedPolicy) => void (policy = next) };
}

async function setup(initial: ManagedPolicy, passphrase = 'test passphrase') {
  const made = await makeVault();
  const { vault, store } = made;
  await vault.create(passphrase, TEST_COST);
  const policy = mutablePolicy(initial);
  const policyFlags = memoryMap<boolean>();
  const settings = enforcedSettingsStore(settingsStore(store), policy.source);
  const filled: number[] = [];
  const deps = {
    vault,
    policy: policy.source,
    policyFlags,
    loadSettings: settings.load,
    saveSettings: settings.save,
    onActivity: () => undefined,
    activeTab: async () => ({ id: 1, url: 'https://bank.example/login' }),
    choices: { get: async () => undefined, set: async () => undefined },
    openUnlockWindow: async () => undefined,
    triggerFill: async (tabId: number) => (filled.push(tabId), true),
    injectFillUi: async () => undefined,
    openBindWindow: unused,
    focusWindow: unused,
    handedOutSteps: memoryMap<number>(),
    bindRequests: memoryMap<BindRequest>(),
    injectScanner: unused,
    qrTextOfUrl: unused,
    scanActiveTab: unused,
  };
  // Composed as entrypoints/background.ts composes them (sync without an engine: it answers "internal").
  const all = {
    ...createVaultHandlers(deps),
    ...createSettingsHandlers(deps),
    ...createClockHandlers(deps),
    ...createClipboardHandlers(deps),
    ...createAutofillHandlers(deps),
    ...createEnrolHandlers(deps),
    ...createBackupHandlers(deps),
    ...createSyncHandlers({}),
    ...createPolicyHandlers(deps),
  };
  const handlers = enforcePolicy(all, { vault, policy: policy.source, policyFlags });
  return { ...made, handlers, policy, settings, filled };
}

describe('settings under a policy', () => {
  it('reads the stored choice clamped, stores a forbidden value clamped, and keeps what the policy does not decide', async () => {
    const { handlers, store } = await setup({ maxAutoLockMinutes: 30, forceLockOnIdle: true, allowAutoFill: false });
    await store.putState('settings', { autoLockMinutes: 0, lockOnIdle: false, clearClipboard: true, theme: 'dark', autoFill: true, clockOffsetSeconds: 0 });
    expect(await handlers['settings/get'](null, POPUP)).toMatchObject({ autoLockMinutes: 30, lockOnIdle: true, autoFill: false, theme: 'dark' });

    const saved = await handlers['settings/set']({ autoLockMinutes: 240, autoFill: true }, POPUP);
    expect(saved).toMatchObject({ autoLockMinutes: 30, autoFill: false });
    expect(await store.getState('settings')).toMatchObject({ autoLockMinutes: 30, autoFill: false, lockOnIdle: false });

    await handlers['settings/set']({ autoLockMinutes: 5, theme: 'light' }, POPUP);
    expect(await store.getState('settings')).toMatchObject({ autoLockMinutes: 5, theme: 'light' });
  });

  it('a policy change applies to the next request, without restarting anything', async () => {
    const { handlers, policy, store } = await setup({});
    await handlers['settings/set']({ autoLockMinutes: 240 }, POPUP);
    expect((await handlers['settings/get'](null, POPUP)).autoLockMinutes).toBe(240);
    policy.set({ maxAutoLockMinutes: 15 });
    expect((await handlers['settings/get'](null, POPUP)).autoLockMinutes).toBe(15);
    // The person's own choice is still there when the policy goes away.
    expect(await store.getState('settings')).toMatchObject({ autoLockMinutes: 240 });
    policy.set({});
    expect((await handlers['settings/get'](null, POPUP)).autoLockMinutes).toBe(240);
  });
});

describe('export, import, sync and fill rules', () => {
  it('refuses a plain export when disabled, still allows the encrypted one', async () => {
    const { handlers, policy } = await setup({ disablePlainExport: true });
    for (const format of ['aegis-plain', 'otpauth-list'] as const) {
      await expect(handlers['backup/export']({ format, vaultPassphrase: 'test passphrase', acknowledgePlain: true }, POPUP)).rejects.toMatchObject({ code: 'policy_forbids' });
    }
    const encrypted = await handlers['backup/export']({ format: 'aegis-encrypted', password: 'backup password', vaultPassphrase: 'test passphrase' }, POPUP);
    expect(encrypted.fileName).toMatch(/^keyring-backup-/);
    policy.set({});
    expect((await handlers['backup/export']({ format: 'otpauth-list', vaultPassphrase: 'test passphrase', acknowledgePlain: true }, POPUP)).fileName).toMatch(/PLAIN/);
  });

  it('refuses import (preview and confirm) when disabled', async () => {
    const { handlers } = await setup({ disableImport: true });
    const file = Buffer.from('otpauth://totp/Bank:me?secret=JBSWY3DPEHPK3PXP&issuer=Bank\n').toString('base64');
    await expect(handlers['backup/preview']({ data: file, fileName: 'codes.txt' }, POPUP)).rejects.toMatchObject({ code: 'policy_forbids' });
    await expect(handlers['backup/import']({ token: 'any', includeDuplicates: false }, POPUP)).rejects.toMatchObject({ code: 'policy_forbids' });
  });

  it('limits sync to the allowed engine and the fixed WebDAV address, and keeps required sync on', async () => {
    const { handlers } = await setup({ allowedSyncEngines: ['webdav'], webdavUrl: 'https://dav.clinic.example/keyring/', requireSync: true });
    await expect(handlers['sync/enable']({ engine: 'browser', deviceName: 'x' }, POPUP)).rejects.toMatchObject({ code: 'policy_forbids' });
    await expect(handlers['sync/enable']({ engine: 'webdav', webdav: { url: 'https://attacker.example/', user: 'u', password: 'p' }, deviceName: 'x' }, POPUP))
      .rejects.toMatchObject({ code: 'policy_forbids' });
    // The fixed address passes the policy and reaches sync (not wired in this test: "internal").
    await expect(handlers['sync/enable']({ engine: 'webdav', webdav: { url: 'https://dav.clinic.example/keyring', user: 'u', password: 'p' }, deviceName: 'x' }, POPUP))
      .rejects.toMatchObject({ code: 'internal' });
    await expect(handlers['sync/disable'](null, POPUP)).rejects.toMatchObject({ code: 'policy_forbids' });
  });

  it('with auto-fill disallowed, a page gets no fill button and no code, and the popup fills nothing', async () => {
    const { handlers, vault, filled } = await setup({ allowAutoFill: false });
    await vault.add([BANK]);
    expect(await handlers['autofill/probe'](null, PAGE)).toMatchObject({ fillable: false });
    expect(await handlers['autofill/code']({}, PAGE)).toMatchObject({ kind: 'none' });
    const [account] = (await vault.contents()).accounts;
    expect(await handlers['autofill/fillActiveTab']({ id: account!.id }, POPUP)).toEqual({ filled: false });
    await expect(handlers['autofill/loadUi'](null, PAGE)).rejects.toMatchObject({ code: 'policy_forbids' });
    expect(filled).toEqual([]);
  });

  it('without the rule, the same page gets its button and code', async () => {
    const { handlers, vault } = await setup({});
    await vault.add([BANK]);
    expect(await handlers['autofill/probe'](null, PAGE)).toMatchObject({ fillable: true, bound: 1 });
    expect(await handlers['autofill/code']({}, PAGE)).toMatchObject({ kind: 'code' });
  });
});

describe('a vault weaker than the policy', () => {
  it('refuses a set-up or a change with a passphrase shorter than the minimum', async () => {
    const { handlers, vault } = await setup({ minPassphraseLength: 16 });
    await expect(handlers['vault/changePassphrase']({ current: 'test passphrase', next: 'fifteen chars!!' }, POPUP)).rejects.toMatchObject({ code: 'weak_passphrase' });
    await handlers['vault/changePassphrase']({ current: 'test passphrase', next: 'sixteen chars!!!' }, POPUP);
    await vault.lock();
    await vault.unlock('sixteen chars!!!');
    // Set-up: refused before anything is written (a second vault would be refused as existing, not as short).
    await expect(handlers['vault/create']({ passphrase: 'fifteen chars!!' }, POPUP)).rejects.toMatchObject({ code: 'weak_passphrase' });
    await expect(handlers['vault/create']({ passphrase: 'sixteen chars!!!' }, POPUP)).rejects.toMatchObject({ code: 'vault_exists' });
  });

  it('refuses a key-derivation preset below the minimum', async () => {
    const { handlers } = await setup({ minKdfStrength: 'standard' });
    await expect(handlers['vault/setKdf']({ passphrase: 'test passphrase', preset: 'light' }, POPUP)).rejects.toMatchObject({ code: 'policy_forbids' });
  });

  it('a passphrase shorter than the minimum, seen at unlock, blocks everything but the upgrade until it is changed', async () => {
    const { handlers, vault } = await setup({ minPassphraseLength: 20 }, 'short but ok');
    await vault.add([BANK]);
    await handlers['vault/lock'](null, POPUP);
    await handlers['vault/unlock']({ passphrase: 'short but ok' }, POPUP);

    expect((await handlers['policy/get'](null, POPUP)).upgrade).toEqual({ passphrase: true, kdf: false });
    await expect(handlers['accounts/list'](null, POPUP)).rejects.toMatchObject({ code: 'policy_upgrade_needed' });
    await expect(handlers['accounts/codes']({}, POPUP)).rejects.toMatchObject({ code: 'policy_upgrade_needed' });
    await expect(handlers['backup/export']({ format: 'aegis-encrypted', password: 'backup password', vaultPassphrase: 'short but ok' }, POPUP)).rejects.toMatchObject({ code: 'policy_upgrade_needed' });
    // A page sees a locked vault: its key button opens the popup, which asks for the upgrade.
    expect(await handlers['autofill/probe'](null, PAGE)).toMatchObject({ fillable: true, locked: true });
    expect(await handlers['autofill/code']({}, PAGE)).toEqual({ kind: 'locked' });

    await expect(handlers['policy/upgrade']({ current: 'short but ok' }, POPUP)).rejects.toMatchObject({ code: 'weak_passphrase' });
    await expect(handlers['policy/upgrade']({ current: 'short but ok', next: 'still too short' }, POPUP)).rejects.toMatchObject({ code: 'weak_passphrase' });
    await expect(handlers['policy/upgrade']({ current: 'wrong passphrase', next: 'a long enough passphrase' }, POPUP)).rejects.toMatchObject({ code: 'wrong_passphrase' });
    expect((await handlers['policy/upgrade']({ current: 'short but ok', next: 'a long enough passphrase' }, POPUP)).upgrade).toBeNull();

    expect((await handlers['accounts/list'](null, POPUP)).accounts).toHaveLength(1);
    await handlers['vault/lock'](null, POPUP);
    await expect(handlers['vault/unlock']({ passphrase: 'short but ok' }, POPUP)).rejects.toMatchObject({ code: 'wrong_passphrase' });
    await handlers['vault/unlock']({ passphrase: 'a long enough passphrase' }, POPUP);
    expect((await handlers['policy/get'](null, POPUP)).upgrade).toBeNull();
  });

  it('a key derivation cheaper than the minimum is re-wrapped with the same passphrase', async () => {
    const { handlers, vault } = await setup({ minKdfStrength: 'light' });
    await handlers['vault/lock'](null, POPUP);
    await handlers['vault/unlock']({ passphrase: 'test passphrase' }, POPUP);
    expect((await handlers['policy/get'](null, POPUP)).upgrade).toEqual({ passphrase: false, kdf: true });
    await expect(handlers['accounts/list'](null, POPUP)).rejects.toMatchObject({ code: 'policy_upgrade_needed' });
    expect((await handlers['policy/upgrade']({ current: 'test passphrase' }, POPUP)).upgrade).toBeNull();
    expect(await vault.kdfParams()).toMatchObject({ memoryKiB: 19 * 1024, iterations: 2 });
    await handlers['vault/lock'](null, POPUP);
    await handlers['vault/unlock']({ passphrase: 'test passphrase' }, POPUP);
    expect((await handlers['accounts/list'](null, POPUP)).accounts).toEqual([]);
  });

  it('a stricter policy arriving while unlocked asks at the next unlock; without a policy nothing is asked', async () => {
    const { handlers, policy } = await setup({}, 'short but ok');
    await handlers['vault/lock'](null, POPUP);
    await handlers['vault/unlock']({ passphrase: 'short but ok' }, POPUP);
    expect((await handlers['policy/get'](null, POPUP)).upgrade).toBeNull();
    policy.set({ minPassphraseLength: 20 });
    await handlers['vault/lock'](null, POPUP);
    await handlers['vault/unlock']({ passphrase: 'short but ok' }, POPUP);
    expect((await handlers['policy/get'](null, POPUP)).upgrade).toEqual({ passphrase: true, kdf: false });
  });
});
