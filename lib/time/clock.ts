/**
 * Clock check: codes are only right if the computer's clock is. We compare it with the `Date`
 * header of a response from the site of the current tab (never a third-party host).
 */

/** Warn when the computer's clock (with any correction applied) is further off than this. */
export const CLOCK_TOLERANCE_SECONDS = 15;

export type ClockCheck =
  | { status: 'checked'; site: string; offsetSeconds: number; uncertaintySeconds: number }
  | { status: 'unavailable'; reason: 'no_site' | 'no_date' | 'network' };

export interface ClockSample {
  /** `Date` header of the response (RFC 9110 IMF-fixdate, whole seconds). */
  dateHeader: string;
  /** Local epoch ms when the request was sent and when its headers arrived. */
  sentAt: number;
  receivedAt: number;
}

/**
 * Seconds to add to the local clock to match the server. The header is truncated to the second, so
 * the server's time is taken as the middle of that second, compared with the middle of the round trip.
 */
export function offsetFromSample({ dateHeader, sentAt, receivedAt }: ClockSample): { offsetSeconds: number; uncertaintySeconds: number } | null {
  const serverSecond = Date.parse(dateHeader);
  if (!Number.isFinite(serverSecond) || receivedAt < sentAt) return null;
  const localMiddle = (sentAt + receivedAt) / 2;
  const offsetMs = serverSecond + 500 - localMiddle;
  return {
    offsetSeconds: Math.round(offsetMs / 1000),
    uncertaintySeconds: Math.ceil((receivedAt - sentAt) / 2 / 1000 + 0.5),
  };
}

/** True when the codes shown (local clock + applied correction) are off by more than the tolerance. */
export function isClockOff(check: ClockCheck, appliedOffsetSeconds: number): boolean {
  if (check.status !== 'checked') return false;
  const error = Math.abs(check.offsetSeconds - appliedOffsetSeconds);
  // A slow round trip makes the measurement itself unsure: only warn when it is clearly off.
  return error > CLOCK_TOLERANCE_SECONDS + check.uncertaintySeconds;
}

/** The page's URL and its origin's root, in the order to try; null for anything but http(s). */
export function clockCheckUrls(tabUrl: string): string[] | null {
  let url: URL;
  try {
    url = new URL(tabUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  url.hash = '';
  const root = `${url.origin}/`;
  return url.href === root ? [root] : [url.href, root];
}

export interface DateFetcher {
  /** HEAD request without cookies and without following redirects; the `Date` header, or null. */
  (url: string): Promise<string | null>;
}

/** Asks the tab's own origin for the time; every URL tried is on that origin. */
export async function checkClock(tabUrl: string | null, fetchDate: DateFetcher, now: () => number): Promise<ClockCheck> {
  const urls = tabUrl ? clockCheckUrls(tabUrl) : null;
  if (!urls) return { status: 'unavailable', reason: 'no_site' };
  let reached = false;
  for (const url of urls) {
    const sentAt = now();
    let dateHeader: string | null;
    try {
      dateHeader = await fetchDate(url);
      reached = true;
    } catch {
      continue;
    }
    const receivedAt = now();
    const measured = dateHeader ? offsetFromSample({ dateHeader, sentAt, receivedAt }) : null;
    if (measured) return { status: 'checked', site: new URL(url).host, ...measured };
  }
  return { status: 'unavailable', reason: reached ? 'no_date' : 'network' };
}

/** The browser's fetch, as the background uses it: HEAD, no cookies, no cache, redirects not followed. */
export const fetchDateHeader: DateFetcher = async (url) => {
  const response = await fetch(url, { method: 'HEAD', credentials: 'omit', cache: 'no-store', redirect: 'manual' });
  return response.headers.get('date');
};
