import type { HandlersOf } from '@/lib/messaging/types';
import type { Settings } from '@/lib/settings/settings';
import { CLIPBOARD_CLEAR_MS } from './clear';
import type { CLIPBOARD_SENDERS, ClipboardProtocol } from './messages';

/** What clipboard clearing needs, given by entrypoints/background.ts. */
export interface ClipboardDeps {
  loadSettings(): Promise<Settings>;
  /** Empties the clipboard after `ms` (an alarm, so it happens after the popup has closed). */
  clearClipboardLater?(ms: number): Promise<void>;
}

/** The background's clipboard message; 'offscreen/clearClipboard' is the offscreen document's (entrypoints/offscreen). */
export function createClipboardHandlers(deps: ClipboardDeps): HandlersOf<ClipboardProtocol, typeof CLIPBOARD_SENDERS> {
  return {
    async 'clipboard/clearLater'() {
      if ((await deps.loadSettings()).clearClipboard) await deps.clearClipboardLater?.(CLIPBOARD_CLEAR_MS);
      return null;
    },
  };
}
