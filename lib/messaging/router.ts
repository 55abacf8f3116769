import { browser } from 'wxt/browser';
import { AppError, serializeError } from '@/lib/errors';
import { isMessage, maySend, type Message, type Reply, type ToBackground, type RequestOf, type ResponseOf, type SenderFor } from './protocol';
import { classifySender, type RuntimeSender } from './sender';
import type { ExtensionPageSender, SenderContext } from './types';

export type { HandlersOf } from './types';

/** Every message the background answers, each handler seeing only the senders its message allows. */
export type Handlers = {
  [K in ToBackground]: (payload: RequestOf<K>, sender: SenderFor<K>) => Promise<ResponseOf<K>>;
};

/**
 * Checks who may ask what (the senders declared in the protocol map, lib/messaging/protocol.ts), runs the
 * handler and turns every outcome into a Reply. A content script's handler only ever sees the sender's own origin.
 * `handlers` may be a part of the map (a domain's, in tests): a message without a handler is refused.
 */
export async function routeMessage(handlers: Partial<Handlers>, message: unknown, sender: SenderContext | null): Promise<Reply<unknown>> {
  try {
    if (!sender) throw new AppError('forbidden', 'Unknown sender.');
    if (!isMessage(message) || !(message.type in handlers)) throw new AppError('forbidden', 'Unknown message.');
    if (!maySend(sender.kind, message.type)) {
      throw new AppError('forbidden', sender.kind === 'content-script' ? `A web page may not ask for ${message.type}.` : `${message.type} is not for this sender.`);
    }
    const value = await dispatch(handlers, message, sender);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}

function dispatch(handlers: Partial<Handlers>, message: Message, sender: SenderContext): Promise<unknown> {
  const handler = handlers[message.type as ToBackground] as (payload: unknown, sender: SenderContext) => Promise<unknown>;
  return handler(message.payload, sender);
}

/**
 * The background's listener: classifies each sender from the browser, routes the message once the handlers
 * are ready and replies asynchronously. `onExtensionPage` runs before an extension page's request (the person
 * is using the extension), `afterAnswer` after any answered request (e.g. a sync round after a change).
 */
export function serveMessages(
  handlersReady: Promise<Handlers>,
  hooks: { onExtensionPage(sender: ExtensionPageSender): Promise<void>; afterAnswer(type: unknown): Promise<void> },
): void {
  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message: unknown, sender: RuntimeSender, sendResponse: (reply: unknown) => void) => {
    const context = classifySender(sender, browser.runtime.id, extensionOrigin);
    void (async () => {
      const handlers = await handlersReady;
      if (context?.kind === 'extension-page') await hooks.onExtensionPage(context);
      sendResponse(await routeMessage(handlers, message, context));
      if (context) await hooks.afterAnswer((message as { type?: unknown } | null)?.type);
    })();
    return true; // the reply is sent asynchronously
  });
}
