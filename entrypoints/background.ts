import { browser } from 'wxt/browser';
import { activeTab, autofillBrowserDeps, triggerFill } from '@/lib/autofill/browser-deps';
import { sessionMap } from '@/lib/autofill/browser-stores';
import { createAutofillHandlers } from '@/lib/autofill/handlers';
import { clearClipboardLater, clearClipboardNow } from '@/lib/clipboard/browser-deps';
import { CLEAR_CLIPBOARD_ALARM } from '@/lib/clipboard/clear';
import { createClipboardHandlers } from '@/lib/clipboard/handlers';
import { createBackupHandlers } from '@/lib/formats/handlers';
import { serveMessages, type Handlers } from '@/lib/messaging/router';
import { managedPolicySource } from '@/lib/policy/browser-source';
import { enforcedSettingsStore, enforcePolicy, syncViolatesPolicy } from '@/lib/policy/enforce';
import { createPolicyHandlers } from '@/lib/policy/handlers';
import { enrolBrowserDeps } from '@/lib/qr/browser-deps';
import { createEnrolHandlers } from '@/lib/qr/handlers';
import { siteChoices } from '@/lib/settings/choices';
import { createSettingsHandlers } from '@/lib/settings/handlers';
import { createBrowserSync } from '@/lib/sync/browser-deps';
import { createSyncHandlers } from '@/lib/sync/handlers';
import { createClockHandlers } from '@/lib/time/handlers';
import { AUTO_LOCK_ALARM, scheduleAutoLock } from '@/lib/vault/autolock';
import { openBrowserVault } from '@/lib/vault/browser-deps';
import { pendingChoices } from '@/lib/vault/browser-stores';
import { createVaultHandlers } from '@/lib/vault/handlers';

// The only place secrets are decrypted. Everything here wires lib/ to browser events.
export default defineBackground(() => {
  // The organisation's policy (storage.managed); a change reapplies the auto-lock and sync rules at once.
  const policyFlags = sessionMap<boolean>('policy.flags');
  const policy = managedPolicySource(() => void applyPolicy());
  const ready = openBrowserVault().then(({ vault, settings }) => ({ vault, settings: enforcedSettingsStore(settings, policy) }));
  const vaultReady = ready.then(({ vault }) => vault);
  const loadSettings = () => ready.then(({ settings }) => settings.load());
  const syncReady = vaultReady.then(createBrowserSync);

  const handlersReady = Promise.all([ready, syncReady]).then(([{ vault, settings }, { sync, backups }]): Handlers => {
    const onActivity = (s: { autoLockMinutes: number }) => scheduleAutoLock(browser.alarms, s.autoLockMinutes);
    const deps = { vault, sync, backups, loadSettings: settings.load, saveSettings: settings.save, onActivity, activeTab, clearClipboardLater };
    // Checked by the compiler against the protocol map: a message without a handler does not build.
    return enforcePolicy({
      ...createVaultHandlers(deps),
      ...createSettingsHandlers(deps),
      ...createClockHandlers(deps),
      ...createClipboardHandlers(deps),
      ...createAutofillHandlers({ ...deps, ...autofillBrowserDeps, siteIcon: enrolBrowserDeps.siteIcon, choices: siteChoices(vault, pendingChoices) }),
      ...createEnrolHandlers({ ...deps, ...enrolBrowserDeps, openUnlockWindow: autofillBrowserDeps.openUnlockWindow, handedOutSteps: autofillBrowserDeps.handedOutSteps }),
      ...createBackupHandlers(deps),
      ...createSyncHandlers(deps),
      ...createPolicyHandlers({ vault, policy, policyFlags }),
    }, { vault, policy, policyFlags });
  });

  /** Sync set up with an engine or address the policy no longer allows is turned off (needs the vault unlocked). */
  const enforceSyncPolicy = async () => {
    const [{ sync }, vault] = await Promise.all([syncReady, vaultReady]);
    if ((await vault.status()) !== 'unlocked') return;
    if (syncViolatesPolicy(await sync.settings(), await policy.current())) await sync.disable();
  };
  const applyPolicy = async () => {
    const vault = await vaultReady;
    if ((await vault.status()) === 'unlocked') scheduleAutoLock(browser.alarms, (await loadSettings()).autoLockMinutes);
    await enforceSyncPolicy();
  };
  void applyPolicy().catch((error: unknown) => console.error('Keyring: applying the policy', error));

  serveMessages(handlersReady, {
    onExtensionPage: async () => scheduleAutoLock(browser.alarms, (await loadSettings()).autoLockMinutes),
    afterAnswer: async (type) => {
      (await syncReady).afterMessage(type);
      if (type === 'vault/unlock') await enforceSyncPolicy().catch(() => undefined);
    },
  });

  // "Scan this page for a QR code" in the page's context menu runs the same detection on demand.
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: 'scan-page', title: browser.i18n.getMessage('context_scan'), contexts: ['page', 'image', 'frame'] });
  });
  browser.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId === 'scan-page') void enrolBrowserDeps.scanActiveTab();
  });

  browser.commands.onCommand.addListener((command) => {
    if (command !== 'fill-code') return;
    void activeTab().then((tab) => tab && triggerFill(tab.id));
  });

  const lock = () => void vaultReady.then((vault) => vault.lock());
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === AUTO_LOCK_ALARM) lock();
    if (alarm.name === CLEAR_CLIPBOARD_ALARM) void clearClipboardNow();
    void syncReady.then((s) => s.onAlarm(alarm.name));
  });
  // storage.session is already empty after a browser restart; locking here also clears the alarm's state.
  browser.runtime.onStartup.addListener(lock);
  // "Lock on browser idle": when the screen locks, or after 5 minutes without any input on the computer.
  browser.idle.setDetectionInterval(5 * 60);
  browser.idle.onStateChanged.addListener((state) => {
    if (state === 'locked' || state === 'idle') void loadSettings().then((s) => s.lockOnIdle && lock());
  });
});
