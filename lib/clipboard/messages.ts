import type { SendersOf } from '@/lib/messaging/types';

/** Messages of clipboard clearing (popup → background → offscreen document). */
export interface ClipboardProtocol {
  /** Popup: a code was copied; empty the clipboard in 30 s even if the popup has closed by then. */
  'clipboard/clearLater': { request: null; response: null };
  /** Background → offscreen document (Chrome: the service worker has no clipboard): empty it now. */
  'offscreen/clearClipboard': { request: null; response: null };
}

export const CLIPBOARD_SENDERS = {
  'clipboard/clearLater': ['extension-page'],
  'offscreen/clearClipboard': ['background'],
} as const satisfies SendersOf<ClipboardProtocol>;
