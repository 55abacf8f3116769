import { browser } from 'wxt/browser';
import { sendToTab } from '@/lib/messaging/client';
import { sessionMap } from './browser-stores';
import type { AutofillDeps, BindRequest } from './handlers';

/** The extension's own UI asks for the passphrase, never the page. */
export async function openUnlockWindow(): Promise<void> {
  try {
    await browser.action.openPopup();
  } catch {
    await browser.windows.create({ url: browser.runtime.getURL('/popup.html'), type: 'popup', width: 380, height: 600 });
  }
}

export async function activeTab(): Promise<{ id: number; url: string } | null> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id !== undefined && tab.url ? { id: tab.id, url: tab.url } : null;
}

/** Every frame (or the one `frameId`) runs its fill action; only a frame with a code field answers. */
export async function triggerFill(tabId: number, preferredId?: string, frameId?: number): Promise<boolean> {
  const answer = await sendToTab(tabId, 'autofill/trigger', { preferredId }, frameId);
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

/** Autofill's browser capabilities, for entrypoints/background.ts (`choices` comes from the vault). */
export const autofillBrowserDeps: Omit<AutofillDeps, 'choices'> = {
  openUnlockWindow,
  activeTab,
  triggerFill,
  openBindWindow,
  focusWindow,
  handedOutSteps: sessionMap<number>('autofill.handedOutSteps'),
  bindRequests: sessionMap<BindRequest>('autofill.bindRequests'),
  injectFillUi,
};
