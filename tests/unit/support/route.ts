import { deserializeError } from '@/lib/errors';
import type { RequestOf, ResponseOf, ToBackground } from '@/lib/messaging/protocol';
import { routeMessage, type Handlers } from '@/lib/messaging/router';
import type { SenderContext } from '@/lib/messaging/types';

/**
 * Sends a message to some handlers the way the background does (routeMessage: the protocol map's sender
 * policy first), for tests of who may ask: the value, or the AppError the sender would get back.
 */
export function routeTo(handlers: Partial<Handlers>) {
  return async <K extends ToBackground>(type: K, payload: RequestOf<K>, sender: SenderContext): Promise<ResponseOf<K>> => {
    const reply = await routeMessage(handlers, { type, payload }, sender);
    if (!reply.ok) throw deserializeError(reply.error);
    return reply.value as ResponseOf<K>;
  };
}
