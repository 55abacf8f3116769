/** Who sent a message, as far as the background can tell from the browser (never from the message). */
export type SenderContext =
  | { kind: 'extension-page'; url: string }
  | { kind: 'content-script'; url: string; origin: string; tabId: number; frameId: number; topUrl: string | undefined };

export interface RuntimeSender {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

/** Returns null for senders we never answer (other extensions, senders without a URL). */
export function classifySender(sender: RuntimeSender, extensionId: string, extensionOrigin: string): SenderContext | null {
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

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
