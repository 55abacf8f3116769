import { browser } from 'wxt/browser';
import type { FillTrigger } from '@/lib/autofill/protocol';
import { sessionMap } from '@/lib/autofill/browser-stores';
import type { BindRequest } from '@/lib/autofill/handlers';
import { enrolBrowserDeps } from '@/lib/qr/browser-deps';
import { CLEAR_CLIPBOARD_ALARM, CLEAR_CLIPBOARD_MESSAGE } from '@/lib/popup/clipboard-clear';
import { createHandlers } from '@/lib/messaging/handlers';
import { routeMessage } from '@/lib/messaging/router';
import { classifySender, type RuntimeSender } from '@/lib/messaging/sender';
import { siteChoices } from '@/lib/settings/choices';
import { migrateStorageLocal } from '@/lib/settings/migrate';
import { settingsStore } from '@/lib/settings/store';
import { AUTO_LOCK_ALARM, scheduleAutoLock } from '@/lib/vault/autolock';
import { pendingChoices, restrictSessionStorage, sessionKeyStore } from '@/lib/vault/browser-stores';
import { openVaultDb, storedAttempts, VaultStore } from '@/lib/vault/store';
import { Vault } from '@/lib/vault/vault';
import { createBrowserSync } from '@/lib/sync/browser-deps';
import { managedPolicySource } from '@/lib/policy/browser-source';
import { enforcedSettingsStore, enforcePolicy, syncViolatesPolicy } from '@/lib/policy/enforce';

/** The extension's own UI asks for the passphrase, never the page. */
async function openUnlockWindow(): Promise<void> {
  try {
    await browser.action.openPopup();
  } catch {
    await browser.windows.create({ url: browser.runtime.getURL('/popup.html'), type: 'popup', width: 380, height: 600 });
  }
}

async function activeTab(): Promise<{ id: number; url: string } | null> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id !== undefined && tab.url ? { id: tab.id, url: tab.url } : null;
}

/** Every frame (or the one `frameId`) runs its fill action; only a frame with a code field answers. */
async function triggerFill(tabId: number, preferredId?: string, frameId?: number): Promise<boolean> {
  const trigger: FillTrigger = { type: 'autofill/trigger', preferredId };
  const target = frameId === undefined ? undefined : { frameId };
  const answer = (await browser.tabs.sendMessage(tabId, trigger, target).catch(() => undefined)) as { filled?: boolean } | undefined;
  return answer?.filled === true;
}

/** The binding window: the request id is all its address holds; the site stays in the background. */
async function openBindWindow(requestId: string): Promise<number | undefined> {
  const url = browser.runtime.getURL(`/bind.html?request=${encodeURIComponent(requestId)}` as '/bind.html');
  const created = await browser.windows.create({ url, type: 'popup', width: 440, height: 620 });
  return created?.id;
}

async function focusWindow(windowId: number): Promise<boolean> {
  return browser.windows.update(windowId, { focused: true }).then(
    () => true,
    () => false,
  );
}

/** The fill button's script, into the one frame that found a code field (idempotent: see entrypoints/fill-ui.ts). */
async function injectFillUi(tabId: number, frameId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['/fill-ui.js'] });
}

async function clearClipboardLater(ms: number): Promise<void> {
  await browser.alarms.create(CLEAR_CLIPBOARD_ALARM, { when: Date.now() + ms });
}

/** Chrome: an offscreen document has the clipboard the worker lacks; Firefox's event page has its own. */
async function clearClipboardNow(): Promise<void> {
  const offscreen = (browser as { offscreen?: typeof browser.offscreen }).offscreen;
  if (!offscreen) return void navigator.clipboard?.writeText('').catch(() => undefined);
  const url = browser.runtime.getURL('/offscreen.html');
  if (!(await offscreen.hasDocument())) {
    await offscreen.createDocument({ url, reasons: ['CLIPBOARD'], justification: 'Empty the clipboard 30 s after a code was copied.' });
  }
  await browser.runtime.sendMessage({ type: CLEAR_CLIPBOARD_MESSAGE }).catch(() => undefined);
  await offscreen.closeDocument().catch(() => undefined);
}

// The only place secrets are decrypted. Everything here wires lib/ to browser events.
export default defineBackground(() => {
  // The organisation's policy (storage.managed); a change reapplies the auto-lock and sync rules at once.
  const policyFlags = sessionMap<boolean>('policy.flags');
  const policy = managedPolicySource(() => void applyPolicy());
  // Settings, the unlock limiter and (sealed) remembered choices live in the extension's IndexedDB, out of
  // reach of content scripts; older versions kept them in storage.local, moved here once.
  const ready = (async () => {
    await restrictSessionStorage().catch((error: unknown) => console.error('Keyring: storage.session access level', error));
    const store = new VaultStore(await openVaultDb());
    // A failed migration leaves the defaults in place; it must not keep the vault from opening.
    await migrateStorageLocal(browser.storage.local, store, pendingChoices).catch((error: unknown) => console.error('Keyring: moving settings out of storage.local failed', error));
    return { vault: new Vault(store, sessionKeyStore, storedAttempts(store)), settings: enforcedSettingsStore(settingsStore(store), policy) };
  })();
  const vaultReady = ready.then(({ vault }) => vault);
  const loadSettings = () => ready.then(({ settings }) => settings.load());
  const extensionOrigin = browser.runtime.getURL('/');
  const syncReady = vaultReady.then(createBrowserSync);

  const handlersReady = Promise.all([ready, syncReady]).then(([{ vault, settings }, { sync, backups }]) =>
    enforcePolicy(createHandlers({
      vault,
      policy,
      policyFlags,
      sync,
      backups,
      loadSettings: settings.load,
      saveSettings: settings.save,
      onActivity: (settings) => scheduleAutoLock(browser.alarms, settings.autoLockMinutes),
      choices: siteChoices(vault, pendingChoices),
      openUnlockWindow,
      activeTab,
      triggerFill,
      openBindWindow,
      focusWindow,
      handedOutSteps: sessionMap<number>('autofill.handedOutSteps'),
      bindRequests: sessionMap<BindRequest>('autofill.bindRequests'),
      injectFillUi,
      ...enrolBrowserDeps,
      clearClipboardLater,
    }), { vault, policy, policyFlags }),
  );

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

  browser.runtime.onMessage.addListener((message: unknown, sender: RuntimeSender, sendResponse: (reply: unknown) => void) => {
    const context = classifySender(sender, browser.runtime.id, extensionOrigin);
    void (async () => {
      const handlers = await handlersReady;
      if (context?.kind === 'extension-page') scheduleAutoLock(browser.alarms, (await loadSettings()).autoLockMinutes);
      sendResponse(await routeMessage(handlers, message, context));
      if (context) (await syncReady).afterMessage((message as { type?: unknown } | null)?.type);
      if ((message as { type?: unknown } | null)?.type === 'vault/unlock') await enforceSyncPolicy().catch(() => undefined);
    })();
    return true; // the reply is sent asynchronously
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
