import { browser } from 'wxt/browser';
import { emptyClipboard } from '@/lib/clipboard/clear';
import { isMessageFrom, type RuntimeSender } from '@/lib/messaging/client';

// Chrome's service worker has no clipboard: this hidden document empties it when the background asks.
browser.runtime.onMessage.addListener((message: unknown, sender: RuntimeSender) => {
  if (isMessageFrom('offscreen/clearClipboard', message, sender)) emptyClipboard(document);
  return false;
});
