import type { WordRows } from './words';

/** An account as a sign-in page may see it in the chooser: a label, never a secret. */
export interface FillOption {
  id: string;
  label: string;
}

/** What the background decides for a fill request, from the sender's own frame and top page. */
export type FillDecision =
  | { kind: 'code'; code: string; accountId: string; label: string }
  | { kind: 'choose'; options: FillOption[] }
  /** Unbound accounts whose issuer looks like `site`: the person confirms one, which binds it to `site`. */
  | { kind: 'confirm'; site: string; options: FillOption[] }
  | { kind: 'locked' }
  | { kind: 'none'; reason: string };

/** Messages of sign-in autofill (content script ↔ background). */
export interface AutofillProtocol {
  /**
   * Content script: may this frame get a fill button, how many accounts are bound to it (`bound`) or
   * would be offered (`accounts`, bound or else issuer candidates), and is auto-fill on? Counts are 0
   * while the vault is `locked`.
   */
  'autofill/probe': { request: null; response: { fillable: boolean; locked: boolean; accounts: number; bound: number; autoFill: boolean } };
  /**
   * Content script: the code for my frame (the background decides which account, from the sender).
   * `sent`: the page asks for a code it sent by e-mail/SMS, so only an account bound to the site may answer.
   */
  'autofill/code': { request: { preferredId?: string; sent?: boolean }; response: FillDecision };
  /** Content script, after the person picked in the chooser (and confirmed binding an unbound account). */
  'autofill/pick': { request: { id: string; bind: boolean }; response: FillDecision };
  /** Content script: the vault is locked; open the extension's unlock window. */
  'autofill/openUnlock': { request: null; response: null };
  /** Content script: the one-time-code words of every language but English (the page shows such text). */
  'autofill/words': { request: null; response: WordRows };
  /** Popup: fill this account into the active tab when it belongs there (else the popup copies). */
  'autofill/fillActiveTab': { request: { id: string }; response: { filled: boolean } };
}

/** What a content script may ask. */
export const AUTOFILL_CONTENT_MESSAGES: readonly (keyof AutofillProtocol)[] = ['autofill/probe', 'autofill/code', 'autofill/pick', 'autofill/openUnlock', 'autofill/words'];

/** Background → content script (tabs.sendMessage): run the fill action in this frame. */
export interface FillTrigger {
  type: 'autofill/trigger';
  preferredId?: string;
}

export function isFillTrigger(message: unknown): message is FillTrigger {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'autofill/trigger';
}
