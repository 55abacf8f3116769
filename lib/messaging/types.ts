/**
 * The building blocks of the message protocol, for the domains that declare their part of it
 * (lib/<domain>/messages.ts) and write its handlers (lib/<domain>/handlers.ts).
 * A leaf module: it imports nothing, so a domain depending on it never closes a circle through messaging.
 */

/** The contexts that send messages. The background knows which one from the browser, never from the message. */
export type SenderKind = 'extension-page' | 'content-script' | 'background';

export type ExtensionPageSender = { kind: 'extension-page'; url: string };
export type ContentScriptSender = { kind: 'content-script'; url: string; origin: string; tabId: number; frameId: number; topUrl: string | undefined };
/** The background, as the tab's content script or the offscreen document sees it. */
export type BackgroundSender = { kind: 'background' };

/** Who sent a message, as far as the receiver can tell from the browser (never from the message). */
export type SenderContext = ExtensionPageSender | ContentScriptSender | BackgroundSender;

/** One part of the protocol: each message names its request and its response. */
export type ProtocolPart<P> = { [K in keyof P]: { request: unknown; response: unknown } };

/**
 * Which contexts may send each message of a part. Declared beside the part's shapes, with
 * `satisfies SendersOf<Part>` so a message without senders does not compile; the router reads nothing else.
 */
export type SendersOf<P> = { readonly [K in keyof P]: readonly SenderKind[] };

/** The sender a handler sees: only the kinds its message allows (the router has refused the others). */
export type SenderOf<S extends readonly SenderKind[]> = Extract<SenderContext, { kind: S[number] }>;

/**
 * The background's handlers for one part of the protocol (`P` e.g. AutofillProtocol, `S` its senders, e.g.
 * typeof AUTOFILL_SENDERS): every message of the part but those only the background sends (to tabs, offscreen).
 */
export type HandlersOf<P extends ProtocolPart<P>, S extends SendersOf<P>> = {
  [K in keyof P as [Exclude<S[K][number], 'background'>] extends [never] ? never : K]: (payload: P[K]['request'], sender: SenderOf<S[K]>) => Promise<P[K]['response']>;
};
