import type { SerializedError } from '@/lib/errors';
import type { Account, AccountDraft, HashAlgorithm, OtpType, RecoveryCode } from '@/lib/otp/account';
import type { Settings } from '@/lib/settings/settings';
import type { DamagedRecord, VaultStatus } from '@/lib/vault/vault';
import { AUTOFILL_CONTENT_MESSAGES, type AutofillProtocol } from '@/lib/autofill/protocol';
import { ENROL_CONTENT_MESSAGES, type EnrolProtocol } from '@/lib/qr/protocol';
import type { BackupProtocol } from '@/lib/formats/protocol';
import type { ClockCheck } from '@/lib/popup/clock';
import type { KdfPresetName } from '@/lib/popup/kdf-strength';
import type { SyncProtocol } from '@/lib/sync/protocol';
import type { PolicyProtocol } from '@/lib/policy/protocol';

/**
 * The one message protocol between popup, options page, content scripts and the background.
 * Every request names its response; the background's handler map is checked against this
 * interface by the compiler, and errors travel back as data.
 */

/** What leaves the background about an account: everything but the secret. */
export type AccountView = Omit<Account, 'secret'>;

export interface CodeView {
  id: string;
  code: string;
  /** The code of the following step, so the popup can tick over without a round trip. */
  nextCode: string | null;
  /** Epoch ms at which `code` stops being valid (null for HOTP). */
  validUntil: number | null;
  period: number;
}

/** Fields a person can type into the add form. */
export type ManualAccountInput = {
  issuer: string;
  name: string;
  secret: string;
  type?: OtpType;
  algorithm?: HashAlgorithm;
  digits?: number;
  period?: number;
  counter?: number;
};

export type AddAccountInput = { uri: string } | ManualAccountInput;

export type EditableFields = Partial<Pick<AccountDraft, 'issuer' | 'name' | 'sites' | 'notes' | 'pinned'> & { recoveryCodes: RecoveryCode[] }>;

export interface StatusView {
  status: VaultStatus;
  settings: Settings;
  /** The unlock limiter: wrong passphrases counted, and the epoch ms before which no check runs (0: none). */
  unlockFailures: number;
  retryAt: number;
}

/** Messages of the vault, the accounts list and settings. */
export interface CoreProtocol {
  'vault/status': { request: null; response: StatusView };
  'vault/create': { request: { passphrase: string }; response: null };
  'vault/unlock': { request: { passphrase: string }; response: null };
  'vault/lock': { request: null; response: null };
  'vault/changePassphrase': { request: { current: string; next: string }; response: null };
  'accounts/list': { request: null; response: { accounts: AccountView[]; damaged: DamagedRecord[] } };
  'accounts/codes': { request: { ids?: string[] }; response: CodeView[] };
  'accounts/add': { request: AddAccountInput; response: AccountView };
  'accounts/update': { request: { id: string; fields: EditableFields }; response: AccountView };
  'accounts/reorder': { request: { ids: string[] }; response: null };
  'accounts/delete': { request: { ids: string[] }; response: { undoToken: string } };
  'accounts/undoDelete': { request: { undoToken: string }; response: null };
  'accounts/hotpNext': { request: { id: string }; response: CodeView };
  'accounts/revealUri': { request: { id: string; passphrase: string }; response: { uri: string } };
  /** Popup: a code was copied; empty the clipboard in 30 s even if the popup has closed by then. */
  'clipboard/clearLater': { request: null; response: null };
  'settings/get': { request: null; response: Settings };
  'settings/set': { request: Partial<Settings>; response: Settings };
  /** Popup: compare the computer's clock with the `Date` header of the active tab's own site. */
  'clock/check': { request: null; response: ClockCheck };
  /** Options: the vault's key-derivation strength. */
  'vault/kdfInfo': { request: null; response: { preset: KdfPresetName | 'custom'; memoryKiB: number; iterations: number; parallelism: number } };
  /** Options: re-wrap the master key with a preset's cost (asks the passphrase); answers the measured unlock time. */
  'vault/setKdf': { request: { passphrase: string; preset: KdfPresetName }; response: { preset: KdfPresetName; unlockMs: number } };
}

/**
 * Every message. Each feature declares its own part beside its logic (autofill, enrolment, backup)
 * so one file does not become everyone's bottleneck; the compiler still sees one map.
 */
export interface Protocol extends CoreProtocol, AutofillProtocol, EnrolProtocol, BackupProtocol, SyncProtocol, PolicyProtocol {}

export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = Protocol[K]['request'];
export type ResponseOf<K extends MessageType> = Protocol[K]['response'];

export type Message = { [K in MessageType]: { type: K; payload: RequestOf<K> } }[MessageType];

export type Reply<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

/** The only messages a content script may send; everything else is for extension pages. */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<MessageType> = new Set<MessageType>([...AUTOFILL_CONTENT_MESSAGES, ...ENROL_CONTENT_MESSAGES]);

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && 'payload' in value;
}
