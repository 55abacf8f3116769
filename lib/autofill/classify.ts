import { ALL_WORDS, hasPhrase, toWords } from './words';

/** Why a field is (not) a one-time-code field: kept so tests and the decision can be explained. */
export interface FieldVerdict {
  otp: boolean;
  score: number;
  /** The code is sent by e-mail/SMS: an authenticator account must not fill it. */
  sent: boolean;
  /** A hard exclusion (password, card code, phone, postal code, amount…): never filled, whatever else it says. */
  excluded: boolean;
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

/** Scores one input from every signal sites give; hard exclusions win over everything. */
export function classifyField(input: HTMLInputElement): FieldVerdict {
  const no = (reason: string, score = 0): FieldVerdict => ({ otp: false, score, sent: false, excluded: true, reason });
  const type = (input.getAttribute('type') ?? 'text').toLowerCase();
  if (NON_TEXT_TYPES.has(type)) return no(`type=${type}`);
  if (input.disabled || input.readOnly) return no('disabled or read-only');
  const autocomplete = (input.getAttribute('autocomplete') ?? '').toLowerCase();
  if (NEVER_AUTOCOMPLETE.test(autocomplete)) return no(`autocomplete=${autocomplete}`);
  const own = toWords(`${attributeText(input)} ${labelText(input)}`);
  // "One-time password" is a code, not a password.
  const never = hasPhrase(own.replace(/ one time pass(word)? /g, ' otp '), ALL_WORDS.never);
  if (never) return no(`“${never}”`);
  const maxLength = input.maxLength;
  let score = 0;
  const reasons: string[] = [];
  if (/\bone-time-code\b/.test(autocomplete)) {
    score += 10;
    reasons.push('autocomplete=one-time-code');
  }
  const strong = hasPhrase(own, ALL_WORDS.strong);
  if (strong) {
    score += 5;
    reasons.push(`“${strong}”`);
  } else {
    const weak = hasPhrase(own, ALL_WORDS.weak);
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
  const context = toWords(nearbyText(input));
  const contextNever = hasPhrase(context, ['card number', 'credit card', 'cvc', 'cvv', 'security code on the back', 'expiry']);
  // "Security code" next to a card number is the card's CVC.
  if (contextNever && (!strong || strong === 'security code') && score < 10) return no(`near “${contextNever}”`, score);
  const app = hasPhrase(context, ALL_WORDS.appContext);
  if (app) {
    score += 3;
    reasons.push(`near “${app}”`);
  }
  // "6-digit code" is said of e-mailed codes too: only naming the app itself outweighs "we sent you".
  const sent = hasPhrase(context, ALL_WORDS.sentContext) !== null && hasPhrase(`${own}${context}`, ALL_WORDS.appNamed) === null;
  const otp = score >= 4;
  return { otp, score, sent, excluded: false, reason: reasons.join(', ') || 'no signal' };
}

/** Never fill over what the person typed. */
export function hasUserText(input: HTMLInputElement): boolean {
  return input.value.trim() !== '' && input.value !== input.defaultValue;
}
