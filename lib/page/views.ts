/**
 * A single-page app moves to another page without a new document (history.pushState, back/forward, a `#/route`):
 * the content script keeps running, but what it showed or watched for the old view (the offer of a QR code that is
 * gone, key buttons of fields the router threw away, their observers and timers) must go, and the new view be
 * looked at afresh. A view is the page's URL without its fragment, unless the fragment is a route (`#/…`, `#!…`):
 * an in-page anchor is the same view.
 */
export function viewKey(url: string): string {
  const hashAt = url.indexOf('#');
  if (hashAt < 0) return url;
  const hash = url.slice(hashAt);
  return /^#!|^#\//.test(hash) ? url : url.slice(0, hashAt);
}

interface NavigationLike extends EventTarget {
  currentEntry?: unknown;
}

export interface Views {
  /** Looks whether the view changed (call it when the DOM changed: a router without the Navigation API). */
  check(): void;
}

/**
 * Calls `onView` now and at every later view of the page with a signal that aborts when that view ends (or
 * `lifetime` does). View changes are seen at once through the Navigation API (Chromium), `popstate` and
 * `hashchange`, and otherwise at the next `check()`. `stillConnected` (e.g. WXT's `ctx.isValid`, which aborts
 * `lifetime` when the extension was reloaded under the script) is asked at each check.
 */
export function watchViews(lifetime: AbortSignal, onView: (view: AbortSignal) => void, stillConnected: () => boolean = () => true): Views {
  let key = viewKey(location.href);
  let current: AbortController | null = null;
  const start = () => {
    const view = new AbortController();
    current = view;
    lifetime.addEventListener('abort', () => view.abort(), { once: true, signal: view.signal });
    onView(view.signal);
  };
  const check = () => {
    if (lifetime.aborted || !stillConnected()) return;
    const now = viewKey(location.href);
    if (now === key) return;
    key = now;
    current?.abort();
    start();
  };
  if (lifetime.aborted) return { check };
  const options = { signal: lifetime };
  addEventListener('popstate', check, options);
  addEventListener('hashchange', check, options);
  // The page's history.pushState runs in the page's world; the navigation object is shared and tells us.
  const navigation = (globalThis as { navigation?: NavigationLike }).navigation;
  navigation?.addEventListener('currententrychange', check, options);
  start();
  return { check };
}
