import type { Account, AccountDraft, RecoveryCode } from '@/lib/otp/account';
import type { AddAccountInput } from '@/lib/otp/input';
import type { Settings } from '@/lib/settings/settings';
import type { SendersOf } from '@/lib/messaging/types';
import type { KdfPresetName } from './kdf-strength';
import type { DamagedRecord, VaultStatus } from './vault';

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

export type EditableFields = Partial<Pick<AccountDraft, 'issuer' | 'name' | 'sites' | 'notes' | 'pinned'> & { recoveryCodes: RecoveryCode[] }>;

export interface StatusView {
  status: VaultStatus;
  settings: Settings;
  /** The unlock limiter: wrong passphrases counted, and the epoch ms before which no check runs (0: none). */
  unlockFailures: number;
  retryAt: number;
}

/** Messages of the vault and the accounts list (popup, options, backup and binding pages → background). */
export interface VaultProtocol {
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
  /** Options: the vault's key-derivation strength. */
  'vault/kdfInfo': { request: null; response: { preset: KdfPresetName | 'custom'; memoryKiB: number; iterations: number; parallelism: number } };
  /** Options: re-wrap the master key with a preset's cost (asks the passphrase); answers the measured unlock time. */
  'vault/setKdf': { request: { passphrase: string; preset: KdfPresetName }; response: { preset: KdfPresetName; unlockMs: number } };
}

const PAGES = ['extension-page'] as const;

export const VAULT_SENDERS = {
  'vault/status': PAGES,
  'vault/create': PAGES,
  'vault/unlock': PAGES,
  'vault/lock': PAGES,
  'vault/changePassphrase': PAGES,
  'accounts/list': PAGES,
  'accounts/codes': PAGES,
  'accounts/add': PAGES,
  'accounts/update': PAGES,
  'accounts/reorder': PAGES,
  'accounts/delete': PAGES,
  'accounts/undoDelete': PAGES,
  'accounts/hotpNext': PAGES,
  'accounts/revealUri': PAGES,
  'vault/kdfInfo': PAGES,
  'vault/setKdf': PAGES,
} as const satisfies SendersOf<VaultProtocol>;
