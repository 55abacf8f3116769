import { browser } from 'wxt/browser';
import { AppError, deserializeError } from '@/lib/errors';
import type { MessageType, Reply, RequestOf, ResponseOf } from './protocol';

/** Sends one typed request to the background and returns its response, or throws the AppError it sent back. */
export async function request<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  const reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<ResponseOf<K>> | undefined;
  if (!reply) throw new AppError('internal', `No answer from the background to ${type}.`);
  if (!reply.ok) throw deserializeError(reply.error);
  return reply.value;
}
