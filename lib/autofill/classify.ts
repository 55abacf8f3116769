import { allWords, hasPhrase, hasWord, maskOneTimePasswords, maskWords, toWords, wordsReadyFor } from './words';

/** Why a field is (not) a one-time-code field: kept so tests and the decision can be explained. */
export interface FieldVerdict {
  otp: boolean;
  score: number;
  /** The code is sent by e-mail/SMS: an authenticator account must not fill it. */
  sent: boolean;
  /** A hard exclusion (password, card code, phone, postal code, amount…): never filled, whatever else it says. */
  excluded: boolean;
  /** The field's text is in a language whose words have not arrived yet: decided on the next look. */
  pending?: boolean;
  reason: string;
}

const NON_TEXT_TYPES = new Set(['password', 'hidden', 'checkbox', 'radio', 'submit', 'button', 'reset', 'file', 'image', 'email', 'date', 'datetime-local', 'month', 'week', 'time', 'color', 'range', 'url', 'search']);
const NEVER_AUTOCOMPLETE = /\b(cc-|tel|postal-code|email|username|current-password|new-password|transaction-amount|address|country|bday|street)/;

function attributeText(input: HTMLInputElement): string {
  return [input.name, input.id, input.getAttribute('class') ?? '', input.getAttribute('data-testid') ?? '', input.getAttribute('formcontrolname') ?? ''].join(' ');
}

/** The field's own label: <label for>, wrapping label, aria-labelledby, aria-label, placeholder, title. */
export function labelText(input: HTMLInputElement): string {
  const parts: string[] = [];
  for (const label of Array.from(input.labels ?? [])) parts.push(label.textContent ?? '');
  const root = input.getRootNode() as Document | ShadowRoot;
  for (const id of (input.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)) {
    parts.push(root.getElementById?.(id)?.textContent ?? '');
  }
  parts.push(input.getAttribute('aria-label') ?? '', input.placeholder ?? '', input.title ?? '');
  return parts.join(' ').slice(0, 400);
}

/** Text around the field (its form or nearest containers, headings included), bounded so it stays cheap. */
export function nearbyText(input: HTMLElement): string {
  let node: Element | null = input.parentElement;
  let text = '';
  for (let depth = 0; node && depth < 4; depth++, node = node.parentElement) {
    text = (node.textContent ?? '').slice(0, 600);
    if (node.tagName === 'FORM' || text.length > 200) break;
  }
  return text;
}

const HEADINGS = 'h1,h2,h3,h4,legend,[role=heading]';

/**
 * The heading that titles the field's step: the first one inside its nearest ancestor that has any (Okta puts
 * "Verify with Google Authenticator" above a field named `answer`). `querySelector` stops at the first match,
 * so a long page's body costs no more than the walk to its first heading.
 */
export function headingText(input: HTMLElement): string {
  for (let node = input.parentElement, depth = 0; node && depth < 8; depth++, node = node.parentElement) {
    const heading = node.querySelector(HEADINGS);
    if (heading) return (heading.textContent ?? '').slice(0, 300);
  }
  return '';
}

const ID_WORDS = new Set(['otp', 'totp', 'mfa', '2fa', 'two factor', 'verification', 'authenticator']);
const TEXT_LIKE = new Set(['', 'text', 'tel', 'number']);

/** Whether the field is the only text-like input of its form (a step that asks for one thing). */
function onlyFieldOfForm(input: HTMLInputElement): boolean {
  const form = input.form ?? input.closest('form');
  if (!form) return false;
  let count = 0;
  for (const other of Array.from(form.querySelectorAll('input'))) if (TEXT_LIKE.has((other.getAttribute('type') ?? '').toLowerCase())) count++;
  return count === 1;
}

/** Recovery codes are letters and digits, often grouped: `a1b2c3d4`, `XXXX-XXXX`. One-time codes are digits. */
function recoveryPlaceholder(placeholder: string): boolean {
  const text = placeholder.trim();
  return /^(?=.*\d)(?=.*[a-wyz])[a-z\d-]{8,16}$|^[x#•*]{4,5}[- ][x#•*]{4,5}$/i.test(text);
}

/** The field's immediate wrapper's text when short (a recovery field often has no label of its own). */
function closeText(input: HTMLElement): string {
  const text = input.parentElement?.textContent ?? '';
  return text.length <= 150 ? text : '';
}

/** Not decided yet: the words of the page's language are on their way (lib/autofill/words.ts). */
const pending = (score = 0): FieldVerdict => ({ otp: false, score, sent: false, excluded: false, pending: true, reason: 'words pending' });

/** Scores one input from every signal sites give; hard exclusions win over everything. */
export function classifyField(input: HTMLInputElement): FieldVerdict {
  const no = (reason: string, score = 0): FieldVerdict => ({ otp: false, score, sent: false, excluded: true, reason });
  const type = (input.getAttribute('type') ?? 'text').toLowerCase();
  if (NON_TEXT_TYPES.has(type)) return no(`type=${type}`);
  if (input.disabled || input.readOnly) return no('disabled or read-only');
  const autocomplete = (input.getAttribute('autocomplete') ?? '').toLowerCase();
  if (NEVER_AUTOCOMPLETE.test(autocomplete)) return no(`autocomplete=${autocomplete}`);
  const ownText = `${attributeText(input)} ${labelText(input)}`;
  const contextText = `${nearbyText(input)} ${headingText(input)}`;
  if (!wordsReadyFor(`${ownText} ${contextText}`)) return pending();
  const own = maskOneTimePasswords(toWords(ownText));
  // Recovery and backup codes are never filled, whatever else the field says ("Backup token", `backup-otp_token`).
  // A name or id that says so decides (`backup-otp_token`: its label may well say "one-time code"). A label that
  // says so decides unless it also names the one-time code in words ("Enter Discord Auth/Backup Code").
  const named = hasWord(toWords(attributeText(input)), 'recovery');
  const recovery = named ?? hasWord(own, 'recovery') ?? hasWord(toWords(closeText(input)), 'recovery');
  if (recovery && (named || !allWords(maskWords(own, 'recovery', '-'), 'strong').some((entry) => !ID_WORDS.has(entry)))) return no(`recovery “${recovery}”`);
  if (recoveryPlaceholder(input.placeholder ?? '')) return no('recovery placeholder');
  const never = hasWord(own, 'never');
  if (never) return no(`“${never}”`);
  const maxLength = input.maxLength;
  let score = 0;
  const reasons: string[] = [];
  if (/\bone-time-code\b/.test(autocomplete)) {
    score += 10;
    reasons.push('autocomplete=one-time-code');
  }
  const strong = hasWord(own, 'strong');
  if (strong) {
    score += 5;
    reasons.push(`“${strong}”`);
  } else {
    const weak = hasWord(own, 'weak');
    if (weak) {
      score += 2;
      reasons.push(`“${weak}”`);
    }
  }
  const numeric = input.inputMode === 'numeric' || type === 'tel' || type === 'number' || /\[0-9\]|\\d/.test(input.pattern ?? '');
  if (maxLength >= 6 && maxLength <= 8) {
    score += numeric ? 2 : 1;
    reasons.push(`maxlength=${maxLength}`);
  } else if (numeric) {
    score += 1;
  }
  const context = toWords(contextText);
  const contextNever = hasPhrase(context, ['card number', 'credit card', 'cvc', 'cvv', 'security code on the back', 'expiry']);
  // "Security code" next to a card number is the card's CVC.
  if (contextNever && (!strong || strong === 'security code') && score < 10) return no(`near “${contextNever}”`, score);
  const appNamed = hasWord(`${own}${context}`, 'named');
  const app = appNamed ?? hasWord(context, 'app');
  if (app) {
    score += 3;
    reasons.push(`near “${app}”`);
    // The one field of a step titled by an authenticator ("Verify with Google Authenticator": `answer`, `input61`).
    // Not when its own label says something else ("Device name").
    const label = toWords(labelText(input));
    if (!strong && (label.trim() === '' || hasWord(label, 'weak')) && onlyFieldOfForm(input)) {
      score += 2;
      reasons.push('lone field');
    }
  } else if (!strong && score >= 2 && hasWord(context, 'strong')) {
    score += 1;
    reasons.push('code heading');
  }
  // "6-digit code" is said of e-mailed codes too: only naming the app itself outweighs "we sent you".
  const sent = hasWord(context, 'sent') !== null && appNamed === null;
  const otp = score >= 4;
  if (!otp && score >= 2 && !wordsReadyFor('', true)) return pending(score);
  return { otp, score, sent, excluded: false, reason: reasons.join(', ') || 'no signal' };
}

/** Never fill over what the person typed. */
export function hasUserText(input: HTMLInputElement): boolean {
  return input.value.trim() !== '' && input.value !== input.defaultValue;
}
