import { browser } from 'wxt/browser';
import { REASON_PARAMS, type FillRefusal } from '@/lib/autofill/reasons';
import type { ScanReport } from '@/lib/qr/messages';
import { COUNTED_SCAN_STATUSES } from '@/lib/qr/scan-status';
import { AppError, paramNamesOf, type MessageParam, type SerializedError } from '@/lib/errors';
import type { EntryPlace, ImportFormat } from '@/lib/formats/types';
import { entryText, formatName, type Translate } from '@/lib/formats/wording';

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

type Params = Readonly<Record<string, MessageParam>>;

/**
 * The message `key` of a code, its named params put in the order of the message's `$1…$n` (`names`,
 * from ERROR_PARAMS / REASON_PARAMS; tests/unit/errors.test.ts checks messages.json against them).
 */
function codedMessage(key: string, names: readonly string[], params: Params): string {
  const substitutions = names.map((name) => paramText(name, params[name]));
  return t(key as MessageKey, substitutions.length ? substitutions : undefined);
}

/** A param as the message shows it: numbers grouped the person's way, a refusal reason in words. */
function paramText(name: string, value: MessageParam | undefined): string {
  if (value === undefined) return '';
  if (name === 'reason' && typeof value === 'string') return reasonText(value as FillRefusal);
  return typeof value === 'number' ? value.toLocaleString(browser.i18n?.getUILanguage?.()) : value;
}

/** An error's code and params as the person reads them. */
export function errorMessage(error: SerializedError): string {
  const text = codedMessage(`error_${error.code}`, paramNamesOf(error.code), error.params ?? {});
  // A code without a message is a bug the unit test catches; the generic message is better than a key.
  return text === `error_${error.code}` ? t('error_internal') : text;
}

const translate: Translate = (key, substitutions) => t(key as MessageKey, substitutions);

/** The format an import preview read, in the person's language (“Aegis vault, content version 2, encrypted”). */
export function importFormatText(format: ImportFormat): string {
  return formatName(format, translate);
}

/** An entry that cannot be added (an import's skipped entry, a page's malformed enrolment): where it is and why. */
export function skippedEntryText(entry: EntryPlace & { error: SerializedError }): string {
  return entryText(entry, translate, errorMessage(entry.error));
}

/** What a scan of a page found, as the popup says it. */
export function scanReportText(report: ScanReport): string {
  if (report.status === 'problems' && report.problems?.length) return report.problems.map(skippedEntryText).join(' ');
  return codedMessage(`scan_status_${report.status}`, COUNTED_SCAN_STATUSES.has(report.status) ? ['count'] : [], { count: report.found });
}

/** Why nothing was filled or added, as a clause (“the frame is sandboxed…”). */
export function reasonText(reason: FillRefusal, params: Params = {}): string {
  const names: readonly string[] = (REASON_PARAMS as Partial<Record<FillRefusal, readonly string[]>>)[reason] ?? [];
  return codedMessage(`reason_${reason}`, names, params);
}

/**
 * The one way an error reaches the screen: its code's localized message. An error that is not an
 * AppError is a bug; the person reads the generic message and the console keeps the details.
 */
export function errorText(error: unknown): string {
  if (error instanceof AppError) return errorMessage({ code: error.code, params: error.params });
  console.error(error);
  return t('error_internal');
}

/** The page's `lang` follows the catalogue in use (screen readers pick voice and hyphenation from it). */
export function setDocumentLanguage(doc: Document = document): void {
  const tag = t('locale_code');
  if (tag !== 'locale_code') doc.documentElement.lang = tag;
}
