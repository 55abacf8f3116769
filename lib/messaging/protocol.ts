import type { SerializedError } from '@/lib/errors';
import { AUTOFILL_SENDERS, type AutofillProtocol } from '@/lib/autofill/messages';
import { CLIPBOARD_SENDERS, type ClipboardProtocol } from '@/lib/clipboard/messages';
import { BACKUP_SENDERS, type BackupProtocol } from '@/lib/formats/messages';
import { POLICY_SENDERS, type PolicyProtocol } from '@/lib/policy/messages';
import { ENROL_SENDERS, type EnrolProtocol } from '@/lib/qr/messages';
import { SETTINGS_SENDERS, type SettingsProtocol } from '@/lib/settings/messages';
import { SYNC_SENDERS, type SyncProtocol } from '@/lib/sync/messages';
import { CLOCK_SENDERS, type ClockProtocol } from '@/lib/time/messages';
import { VAULT_SENDERS, type VaultProtocol } from '@/lib/vault/messages';
import type { SenderKind, SenderOf, SendersOf } from './types';

/**
 * The one message protocol, for every direction: extension pages (popup, options, backup, binding window) and
 * content scripts (with the scanner and fill button injected into their world) → background; background → a
 * tab's content script; background → offscreen document.
 *
 * Each feature declares its part beside its logic (lib/<domain>/messages.ts): the request and response of
 * every message, and which contexts may send it. The compiler sees one map (`Protocol`), the background's
 * handler map is checked against it, and the router's sender policy is `SENDERS` below, nothing else.
 */
export interface Protocol
  extends VaultProtocol, SettingsProtocol, ClockProtocol, ClipboardProtocol, AutofillProtocol, EnrolProtocol, BackupProtocol, SyncProtocol, PolicyProtocol {}

/** Who may send each message: read by the router (and the tab's and offscreen document's listeners). */
export const SENDERS = {
  ...VAULT_SENDERS,
  ...SETTINGS_SENDERS,
  ...CLOCK_SENDERS,
  ...CLIPBOARD_SENDERS,
  ...AUTOFILL_SENDERS,
  ...ENROL_SENDERS,
  ...BACKUP_SENDERS,
  ...SYNC_SENDERS,
  ...POLICY_SENDERS,
} as const satisfies SendersOf<Protocol>;

export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = Protocol[K]['request'];
export type ResponseOf<K extends MessageType> = Protocol[K]['response'];
/** The sender a message's handler sees. */
export type SenderFor<K extends MessageType> = SenderOf<(typeof SENDERS)[K]>;

/** Messages a context may send (e.g. `MessageFrom<'background'>`: what the background sends to tabs and offscreen). */
export type MessageFrom<S extends SenderKind> = { [K in MessageType]: S extends (typeof SENDERS)[K][number] ? K : never }[MessageType];

/** What the background answers: every message an extension page or a content script may send. */
export type ToBackground = MessageFrom<'extension-page'> | MessageFrom<'content-script'>;

export type Message<K extends MessageType = MessageType> = { [T in K]: { type: T; payload: RequestOf<T> } }[K];

export type Reply<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && 'payload' in value;
}

/** The sender policy: may a context of this kind send this message? Unknown messages: no one. */
export function maySend(kind: SenderKind, type: string): type is MessageType {
  const senders: readonly SenderKind[] | undefined = Object.hasOwn(SENDERS, type) ? SENDERS[type as MessageType] : undefined;
  return senders?.includes(kind) ?? false;
}
