import { AppError, serializeError } from '@/lib/errors';
import { isMessage, maySend, type Message, type Reply, type ToBackground, type RequestOf, type ResponseOf, type SenderFor } from './protocol';
import type { SenderContext } from './types';

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
