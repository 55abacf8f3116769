import { browser } from 'wxt/browser';
import { CLEAR_CLIPBOARD_MESSAGE, emptyClipboard } from '@/lib/popup/clipboard-clear';

// Chrome's service worker has no clipboard: this hidden document empties it when the background asks.
browser.runtime.onMessage.addListener((message: unknown) => {
  if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === CLEAR_CLIPBOARD_MESSAGE) emptyClipboard(document);
  return false;
});
