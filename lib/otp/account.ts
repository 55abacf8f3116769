/**
 * The account model shared by the vault, the popup, importers and exporters.
 * Everything here lives inside an encrypted vault record; nothing is stored in clear.
 */

export type OtpType = 'totp' | 'hotp' | 'steam';
export type HashAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** What is needed to compute a code. */
export interface OtpParameters {
  type: OtpType;
  /** Canonical base32: upper case, no spaces, no `=` padding. */
  secret: string;
  algorithm: HashAlgorithm;
  /** 5–10 for totp/hotp; always 5 for steam. */
  digits: number;
  /** Seconds per step (totp, steam). */
  period: number;
  /** Next counter value to use (hotp). */
  counter: number;
}

/**
 * How the account looks in a list: a small image (a site's favicon kept at enrolment, or an icon imported
 * from Aegis) or a label avatar imported from 2FAS (its text and colour). Stored inside the encrypted record.
 */
export type AccountIcon =
  | { kind: 'image'; mime: IconMime; data: string }
  | { kind: 'label'; text: string; color: string };

/** Image types an icon may have; drawn with `<img>` from a data URL, so SVG scripts never run. */
export type IconMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/svg+xml';

export interface RecoveryCode {
  code: string;
  used: boolean;
}

/** An account as the user sees it, before it is given an id and a place in the vault. */
export interface AccountDraft extends OtpParameters {
  issuer: string;
  name: string;
  /** Registrable domains (e.g. `github.com`) this account may fill codes on. */
  sites: string[];
  notes: string;
  recoveryCodes: RecoveryCode[];
  pinned: boolean;
  /** Absent: a letter avatar made from the title. */
  icon?: AccountIcon;
}

export interface Account extends AccountDraft {
  id: string;
  /** Position in the user's list; lower comes first (pinned accounts still go above). */
  order: number;
  createdAt: number;
}

export const DEFAULT_OTP: Omit<OtpParameters, 'secret'> = {
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};

/** A draft with every optional field at its default; `secret` is required. */
export function makeDraft(fields: Partial<AccountDraft> & { secret: string }): AccountDraft {
  return {
    ...DEFAULT_OTP,
    issuer: '',
    name: '',
    sites: [],
    notes: '',
    recoveryCodes: [],
    pinned: false,
    ...fields,
  };
}

/** Two accounts are the same enrolment when issuer, name and secret agree (case-insensitive issuer/name). */
export function isSameEnrolment(a: AccountDraft, b: AccountDraft): boolean {
  return (
    a.secret === b.secret &&
    a.issuer.trim().toLowerCase() === b.issuer.trim().toLowerCase() &&
    a.name.trim().toLowerCase() === b.name.trim().toLowerCase()
  );
}

/** An incoming account that is already there, and the account it repeats (in the vault, or earlier in the batch). */
export interface Duplicate<T extends AccountDraft> {
  account: T;
  of: AccountDraft;
}

/** What adding `incoming` to `existing` would do: the new accounts in their order, and the duplicates. */
export interface AddPlan<T extends AccountDraft> {
  add: T[];
  duplicates: Duplicate<T>[];
}

function enrolmentKey(account: AccountDraft): string {
  return JSON.stringify([account.secret, account.issuer.trim().toLowerCase(), account.name.trim().toLowerCase()]);
}

/**
 * The one duplicate check, for every way accounts come in (the popup's add, an import, a page's enrolment):
 * an incoming account is a duplicate when it is the same enrolment (isSameEnrolment) as one already in
 * `existing` or as one earlier in `incoming`. Nothing is dropped: duplicates are returned for the caller to
 * refuse, show or add anyway.
 */
export function planAdd<T extends AccountDraft>(existing: readonly AccountDraft[], incoming: readonly T[]): AddPlan<T> {
  const seen = new Map<string, AccountDraft>();
  for (const account of existing) if (!seen.has(enrolmentKey(account))) seen.set(enrolmentKey(account), account);
  const plan: AddPlan<T> = { add: [], duplicates: [] };
  for (const account of incoming) {
    const key = enrolmentKey(account);
    const of = seen.get(key);
    if (of) {
      plan.duplicates.push({ account, of });
    } else {
      seen.set(key, account);
      plan.add.push(account);
    }
  }
  return plan;
}
