import { AppError, serializeError } from '@/lib/errors';
import { CONTENT_SCRIPT_MESSAGES, isMessage, type Message, type MessageType, type Reply, type RequestOf, type ResponseOf } from './protocol';
import type { SenderContext } from './sender';

/** Handlers for one part of the protocol (`P` is e.g. AutofillProtocol). */
export type HandlersOf<P extends { [K in keyof P]: { request: unknown; response: unknown } }> = {
  [K in keyof P]: (payload: P[K]['request'], sender: SenderContext) => Promise<P[K]['response']>;
};

export type Handlers = {
  [K in MessageType]: (payload: RequestOf<K>, sender: SenderContext) => Promise<ResponseOf<K>>;
};

/**
 * Checks who may ask what, runs the handler and turns every outcome into a Reply.
 * Content scripts only reach the messages listed in CONTENT_SCRIPT_MESSAGES, and their handlers
 * only ever see the sender's own origin.
 */
export async function routeMessage(handlers: Handlers, message: unknown, sender: SenderContext | null): Promise<Reply<unknown>> {
  try {
    if (!sender) throw new AppError('forbidden', 'Unknown sender.');
    if (!isMessage(message) || !(message.type in handlers)) throw new AppError('forbidden', 'Unknown message.');
    if (sender.kind === 'content-script' && !CONTENT_SCRIPT_MESSAGES.has(message.type)) {
      throw new AppError('forbidden', `A web page may not ask for ${message.type}.`);
    }
    const value = await dispatch(handlers, message, sender);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}

function dispatch(handlers: Handlers, message: Message, sender: SenderContext): Promise<unknown> {
  const handler = handlers[message.type] as (payload: unknown, sender: SenderContext) => Promise<unknown>;
  return handler(message.payload, sender);
}
