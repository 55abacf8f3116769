import { browser } from 'wxt/browser';
import { AppError } from '@/lib/errors';

/**
 * Every user-facing string goes through the browser's i18n (`public/_locales/<lang>/messages.json`),
 * so a translation needs no code change. Keys are snake_case message names.
 */
/** Message names WXT generated from `messages.json`: a typo is a compile error. */
export type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

/** getMessage crosses into the browser on every call; rows re-render often, so answers are kept. */
const cache = new Map<string, string>();

export function t(key: MessageKey, substitutions?: string | string[]): string {
  const cacheKey = substitutions === undefined ? key : `${key}\u0000${Array.isArray(substitutions) ? substitutions.join('\u0000') : substitutions}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;
  const text = browser.i18n?.getMessage(key, substitutions) || key;
  if (cache.size > 5000) cache.clear();
  cache.set(cacheKey, text);
  return text;
}

/** Codes whose English detail says what exactly is wrong (which field, which entry): show the detail. */
const DETAILED = new Set(['wrong_passphrase', 'password_required', 'bad_base32', 'bad_otpauth_uri', 'bad_account', 'duplicate', 'rate_limited', 'damaged_record', 'damaged_backup', 'unknown_format', 'unsupported_format', 'invalid_entry', 'weak_passphrase', 'sync_quota', 'sync_server', 'sync_bad_remote', 'sync_tampered']);

export function errorText(error: unknown): string {
  if (error instanceof AppError) {
    if (DETAILED.has(error.code)) return error.message;
    // Not every code has a translated message; the English detail is the fallback.
    const text = browser.i18n?.getMessage(`error_${error.code}` as MessageKey);
    return text || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The page's `lang` follows the catalogue in use (screen readers pick voice and hyphenation from it). */
export function setDocumentLanguage(doc: Document = document): void {
  const tag = t('locale_code');
  if (tag !== 'locale_code') doc.documentElement.lang = tag;
}
