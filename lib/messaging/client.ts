import { browser } from 'wxt/browser';
import { AppError, deserializeError } from '@/lib/errors';
import { type Message, type MessageFrom, type ToBackground, type Reply, type RequestOf, type ResponseOf } from './protocol';
import { classifyBackgroundSender, type RuntimeSender } from './sender';

/** What the background sends to a tab's content script or to its offscreen document. */
type FromBackground = MessageFrom<'background'>;

/** Sends one typed request to the background and returns its response, or throws the AppError it sent back. */
export async function request<K extends ToBackground>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  const reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<ResponseOf<K>> | undefined;
  if (!reply) throw new AppError('internal', `No answer from the background to ${type}.`);
  if (!reply.ok) throw deserializeError(reply.error);
  return reply.value;
}

/** Background → a tab's content scripts (every frame, or `frameId`'s): the first answer, undefined when none. */
export async function sendToTab<K extends FromBackground>(tabId: number, type: K, payload: RequestOf<K>, frameId?: number): Promise<ResponseOf<K> | undefined> {
  const message: Message<K> = { type, payload } as Message<K>;
  const target = frameId === undefined ? undefined : { frameId };
  return (await browser.tabs.sendMessage(tabId, message, target).catch(() => undefined)) as ResponseOf<K> | undefined;
}

/** Background → the extension's other documents (the offscreen document); nothing when no one listens. */
export async function sendToExtension<K extends FromBackground>(type: K, payload: RequestOf<K>): Promise<void> {
  await browser.runtime.sendMessage({ type, payload }).catch(() => undefined);
}

/**
 * For a listener in a tab's content script or the offscreen document: is `message` the `type` message, sent by
 * a context the protocol map allows for it (here only ever the background)?
 */
export function isMessageFrom<K extends FromBackground>(type: K, message: unknown, sender: RuntimeSender): message is Message<K> {
  // `K` can only name a message the map lets the background send (checked by the compiler, so the map itself
  // stays out of the content script); what is checked here is that the background really sent it.
  if (!classifyBackgroundSender(sender, browser.runtime.id)) return false;
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type && 'payload' in message;
}

export type { RuntimeSender };
