/**
 * What a scan of a page found, as codes: each has one message `scan_status_<code>` in
 * public/_locales/<lang>/messages.json (`$COUNT$` for the ones that count). The array is the union at
 * run time, so tests/unit/errors.test.ts checks every status has its message.
 */
export const SCAN_STATUSES = [
  /** The page's scanner: accounts to add (the offer shows them). */
  'found',
  /** The background, after scanning every frame: the offer is on the page. */
  'offer_shown',
  /** Only malformed enrolment codes: ScanReport.problems says which. */
  'problems',
  'not_otp',
  'unreadable_qr',
  'no_qr',
  'no_tab',
  'no_page',
  'browser_page',
  'extension_page',
  'file_page',
  'page_unreadable',
] as const;
export type ScanStatus = (typeof SCAN_STATUSES)[number];

/** Statuses whose message counts the accounts found ($COUNT$). */
export const COUNTED_SCAN_STATUSES: ReadonlySet<ScanStatus> = new Set(['found', 'offer_shown']);
