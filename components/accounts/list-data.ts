import type { AccountView, CodeView } from '@/lib/vault/messages';
import type { DamagedRecord } from '@/lib/vault/vault';

/** What the popup loaded for the list. */
export interface ListData {
  accounts: AccountView[];
  damaged: DamagedRecord[];
  codes: CodeView[];
  /** False when `codes` holds only the first screenful; the list then fetches the rest. */
  complete?: boolean;
}
