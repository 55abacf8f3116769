import { browser } from 'wxt/browser';
import { sendToExtension } from '@/lib/messaging/client';
import { CLEAR_CLIPBOARD_ALARM } from './clear';

export async function clearClipboardLater(ms: number): Promise<void> {
  await browser.alarms.create(CLEAR_CLIPBOARD_ALARM, { when: Date.now() + ms });
}

/** Chrome: an offscreen document has the clipboard the worker lacks; Firefox's event page has its own. */
export async function clearClipboardNow(): Promise<void> {
  const offscreen = (browser as { offscreen?: typeof browser.offscreen }).offscreen;
  if (!offscreen) return void navigator.clipboard?.writeText('').catch(() => undefined);
  const url = browser.runtime.getURL('/offscreen.html');
  if (!(await offscreen.hasDocument())) {
    await offscreen.createDocument({ url, reasons: ['CLIPBOARD'], justification: 'Empty the clipboard 30 s after a code was copied.' });
  }
  await sendToExtension('offscreen/clearClipboard', null);
  await offscreen.closeDocument().catch(() => undefined);
}
