import { browser } from 'wxt/browser';
import { createHandlers } from '@/lib/messaging/handlers';
import { routeMessage } from '@/lib/messaging/router';
import { classifySender, type RuntimeSender } from '@/lib/messaging/sender';
import { loadSettings, saveSettings } from '@/lib/settings/store';
import { AUTO_LOCK_ALARM, scheduleAutoLock } from '@/lib/vault/autolock';
import { attemptStore, restrictSessionStorage, sessionKeyStore } from '@/lib/vault/browser-stores';
import { openVaultDb, VaultStore } from '@/lib/vault/store';
import { Vault } from '@/lib/vault/vault';

// The only place secrets are decrypted. Everything here wires lib/ to browser events.
export default defineBackground(() => {
  void restrictSessionStorage();
  const vaultReady = openVaultDb().then((db) => new Vault(new VaultStore(db), sessionKeyStore, attemptStore));
  const extensionOrigin = browser.runtime.getURL('/');

  const handlersReady = vaultReady.then((vault) =>
    createHandlers({
      vault,
      loadSettings,
      saveSettings,
      onActivity: (settings) => scheduleAutoLock(browser.alarms, settings.autoLockMinutes),
    }),
  );

  browser.runtime.onMessage.addListener((message: unknown, sender: RuntimeSender, sendResponse: (reply: unknown) => void) => {
    const context = classifySender(sender, browser.runtime.id, extensionOrigin);
    void (async () => {
      const handlers = await handlersReady;
      if (context?.kind === 'extension-page') scheduleAutoLock(browser.alarms, (await loadSettings()).autoLockMinutes);
      sendResponse(await routeMessage(handlers, message, context));
    })();
    return true; // the reply is sent asynchronously
  });

  const lock = () => void vaultReady.then((vault) => vault.lock());
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === AUTO_LOCK_ALARM) lock();
  });
  // storage.session is already empty after a browser restart; locking here also clears the alarm's state.
  browser.runtime.onStartup.addListener(lock);
  browser.idle.onStateChanged.addListener((state) => {
    if (state === 'locked') void loadSettings().then((s) => s.lockOnIdle && lock());
  });
});
