import { appError, type AppErrorCode } from '@/lib/errors';
import type { AccountDraft, OtpParameters, OtpType } from './account';
import { validateDraftOr, type RawAccountFields } from './validate';

/** `message`: the English detail (logs, CLI); `code` and `params`: what the person reads. */
function invalid(message: string, code: AppErrorCode = 'bad_otpauth_uri', params: Record<string, string> = {}): never {
  throw appError(code, message, params);
}

function decodeComponent(text: string, what: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, '%20'));
  } catch {
    return invalid(`The ${what} is not properly URL-encoded.`, 'uri_bad_encoding');
  }
}


/**
 * Parses and validates an `otpauth://` (Key URI format) or `steam://SECRET` link into a draft.
 * Every problem gets a specific `bad_otpauth_uri` / `bad_base32` error; nothing is guessed silently.
 */
export function parseOtpauthUri(uri: string): AccountDraft {
  const text = uri.trim();
  const steam = /^steam:\/\/([^?#]+)$/i.exec(text);
  if (steam) return checked({ type: 'steam', issuer: 'Steam', secret: decodeComponent(steam[1] ?? '', 'secret') });

  const match = /^otpauth:\/\/([^/?#]*)\/([^?#]*)(?:\?([^#]*))?/i.exec(text);
  if (!match) {
    if (/^otpauth-migration:/i.test(text)) invalid('This is a Google Authenticator export link (otpauth-migration://), not a single account; import it instead.', 'uri_migration_link');
    invalid('This is not an otpauth:// link.');
  }
  const host = (match[1] ?? '').toLowerCase();
  const params = new Map<string, string>();
  for (const pair of (match[3] ?? '').split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decodeComponent(eq < 0 ? pair : pair.slice(0, eq), 'parameter name').toLowerCase();
    // A `+` in a base32 secret is never meaningful; elsewhere it is a space (form encoding).
    const value = eq < 0 ? '' : decodeComponent(pair.slice(eq + 1), `“${key}” parameter`);
    if (!params.has(key)) params.set(key, value);
  }

  let type: OtpType;
  if (host === 'totp') type = params.get('encoder')?.toLowerCase() === 'steam' ? 'steam' : 'totp';
  else if (host === 'hotp') type = 'hotp';
  else if (host === 'steam') type = 'steam';
  else if (host === 'yandex' || host === 'motp') invalid(`${host === 'motp' ? 'mOTP' : 'Yandex'} accounts are not supported.`, 'uri_unsupported_type', { type: host === 'motp' ? 'mOTP' : 'Yandex' });
  else invalid(`Unknown OTP type “${host}”: expected totp or hotp.`, 'uri_unknown_type', { type: host.slice(0, 20) });

  const rawSecret = params.get('secret');
  if (rawSecret === undefined || rawSecret.trim() === '') invalid('The link has no secret.', 'uri_no_secret');

  const { issuer, name } = splitLabel(decodeComponent(match[2] ?? '', 'label'), params.get('issuer'));
  return checked({
    type,
    secret: rawSecret,
    algorithm: params.get('algorithm'),
    digits: params.get('digits'),
    period: params.get('period'),
    counter: params.get('counter'),
    issuer: type === 'steam' && !issuer ? 'Steam' : issuer,
    name,
  });
}

/** Every link, from a page, the popup or a file, goes through the one account validator (and its size caps). */
function checked(fields: RawAccountFields): AccountDraft {
  return validateDraftOr('bad_otpauth_uri', fields, "The link's secret is not valid: ");
}

/**
 * Label `Issuer:account` (or `Issuer: account`). The `issuer` parameter wins as issuer, and it may itself hold a
 * colon (Gitea's default "Gitea: Git with a cup of tea"): a label that starts with it (any case) loses exactly that
 * prefix. Otherwise the prefix ends at the first colon; when it disagrees with the parameter we keep the whole
 * label as the name so neither is lost. Our own links (toOtpauthUri) therefore read back unchanged.
 */
export function splitLabel(label: string, issuerParam: string | undefined): { issuer: string; name: string } {
  const text = label.trim();
  const issuer = issuerParam?.trim() ?? '';
  if (issuer && text.toLowerCase().startsWith(issuer.toLowerCase())) {
    const rest = /^\s*:(.*)$/s.exec(text.slice(issuer.length));
    if (rest) return { issuer, name: (rest[1] ?? '').trim() };
  }
  const colon = text.indexOf(':');
  const prefix = colon >= 0 ? text.slice(0, colon).trim() : '';
  const account = colon >= 0 ? text.slice(colon + 1).trim() : text;
  if (!issuer) return { issuer: prefix, name: account };
  if (!prefix) return { issuer, name: account };
  return { issuer, name: text };
}

function encode(text: string): string {
  return encodeURIComponent(text);
}

/** The standard link for an account, readable by other authenticator apps. */
export function toOtpauthUri(account: OtpParameters & { issuer: string; name: string }): string {
  const host = account.type === 'steam' ? 'totp' : account.type;
  const label = account.issuer ? `${encode(account.issuer)}:${encode(account.name)}` : encode(account.name);
  const query = [`secret=${account.secret}`];
  if (account.issuer) query.push(`issuer=${encode(account.issuer)}`);
  query.push(`algorithm=${account.algorithm}`, `digits=${account.digits}`);
  if (account.type === 'hotp') query.push(`counter=${account.counter}`);
  else query.push(`period=${account.period}`);
  if (account.type === 'steam') query.push('encoder=steam');
  return `otpauth://${host}/${label}?${query.join('&')}`;
}
