import type { BackgroundSender, ContentScriptSender, ExtensionPageSender } from './types';

export type { SenderContext } from './types';

export interface RuntimeSender {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

/** The background's view of a sender; null for senders we never answer (other extensions, senders without a URL). */
export function classifySender(sender: RuntimeSender, extensionId: string, extensionOrigin: string): ExtensionPageSender | ContentScriptSender | null {
  if (sender.id !== extensionId || !sender.url) return null;
  // Chromium gives the frame's real origin ("null" for an opaque one, e.g. a sandboxed frame), which the
  // handlers decide from. Firefox gives none: the address's origin is the fallback there, and the content
  // script itself stays silent in an opaque-origin frame (lib/autofill/controller.ts, entrypoints/content.ts).
  const origin = sender.origin ?? safeOrigin(sender.url);
  if (origin === extensionOrigin.replace(/\/$/, '') && sender.url.startsWith(extensionOrigin)) {
    return { kind: 'extension-page', url: sender.url };
  }
  if (!sender.tab || sender.tab.id === undefined || origin === null) return null;
  return {
    kind: 'content-script',
    url: sender.url,
    origin,
    tabId: sender.tab.id,
    frameId: sender.frameId ?? 0,
    topUrl: sender.tab.url,
  };
}

/**
 * The view of a tab's content script or the offscreen document: only the extension's own contexts outside a
 * tab reach them (runtime messages from content scripts go to extension pages, never to other content scripts),
 * and of those only the background sends to them. Null for anything else.
 */
export function classifyBackgroundSender(sender: RuntimeSender, extensionId: string): BackgroundSender | null {
  return sender.id === extensionId && !sender.tab ? { kind: 'background' } : null;
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
