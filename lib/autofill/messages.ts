import type { SendersOf } from '@/lib/messaging/types';
import type { FillRefusal } from './reasons';
import type { WordRows } from './words';

/** An account as a sign-in page may see it in the chooser: a label, never a secret. */
export interface FillOption {
  id: string;
  label: string;
  /** The account's image icon as a data URL (no request); absent: a letter. */
  icon?: string;
}

/** What the background decides for a fill request, from the sender's own frame and top page. */
export type FillDecision =
  | { kind: 'code'; code: string; accountId: string; label: string }
  | { kind: 'choose'; options: FillOption[] }
  /** No account is bound to the site: the extension opened its own window, where the person may bind one. */
  | { kind: 'binding' }
  /** This account's code of the current step was already handed out: ask again in `retryInMs`. */
  | { kind: 'wait'; accountId: string; label: string; retryInMs: number }
  | { kind: 'locked' }
  /** Nothing to fill, and why (a code with a `reason_` message; `site` for the reasons that name it). */
  | { kind: 'none'; reason: FillRefusal; site?: string };

/** An account as the binding window lists it, with the sites it is already bound to. */
export interface BindOption extends FillOption {
  sites: string[];
}

/** Messages of sign-in autofill (content script and fill button ↔ background ↔ popup, binding window). */
export interface AutofillProtocol {
  /**
   * Content script: may this frame get a fill button, how many accounts are bound to its site, and is
   * auto-fill on? The count is 0 while the vault is `locked`.
   */
  'autofill/probe': { request: null; response: { fillable: boolean; locked: boolean; bound: number; autoFill: boolean } };
  /**
   * Content script: the code for my frame (the background decides which account, from the sender).
   * `sent`: the page asks for a code it sent by e-mail/SMS, so only an account bound to the site may answer.
   */
  'autofill/code': { request: { preferredId?: string; sent?: boolean }; response: FillDecision };
  /** Content script, after the person picked one of the site's bound accounts in the chooser. */
  'autofill/pick': { request: { id: string }; response: FillDecision };
  /** Content script: the vault is locked; open the extension's unlock window. */
  'autofill/openUnlock': { request: null; response: null };
  /** Content script: the one-time-code words of every language but English (the page shows such text). */
  'autofill/words': { request: null; response: WordRows };
  /** Popup: fill this account into the active tab when it belongs there (else the popup copies). */
  'autofill/fillActiveTab': { request: { id: string }; response: { filled: boolean } };
  /** Binding window: the site its request is for (from the background's record) and the vault's accounts. */
  'autofill/bindRequest': { request: { request: string }; response: { site: string; options: BindOption[] } };
  /** Binding window: bind this account to the request's site, then fill its code in the frame that asked. */
  'autofill/bind': { request: { request: string; id: string }; response: { site: string; filled: boolean } };
  /**
   * Content script, the first time its frame has a code field: inject the fill button's code
   * (entrypoints/fill-ui.ts) into this frame's isolated world, so it is not in every page's script.
   */
  'autofill/loadUi': { request: null; response: null };
  /**
   * Background → the tab's content script (tabs.sendMessage, every frame or one): run the fill action in this
   * frame; `filled` when it filled a code field.
   */
  'autofill/trigger': { request: { preferredId?: string }; response: { filled: boolean } };
}

const PAGE = ['content-script'] as const;
const EXTENSION = ['extension-page'] as const;

export const AUTOFILL_SENDERS = {
  'autofill/probe': PAGE,
  'autofill/code': PAGE,
  'autofill/pick': PAGE,
  'autofill/openUnlock': PAGE,
  'autofill/words': PAGE,
  'autofill/loadUi': PAGE,
  'autofill/fillActiveTab': EXTENSION,
  'autofill/bindRequest': EXTENSION,
  'autofill/bind': EXTENSION,
  'autofill/trigger': ['background'],
} as const satisfies SendersOf<AutofillProtocol>;
