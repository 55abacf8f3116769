/**
 * Calls `onChange` after the page's DOM changed, at most once per interval. On a page that mutates all
 * the time this costs one observer callback per interval, not one per mutation: the observer disconnects
 * at the first change and reconnects after the interval (changes in between are covered by `onChange`
 * itself looking at the page again).
 *
 * The interval is `intervalMs`, and doubles, up to `maxIntervalMs`, while the page never stops changing
 * (it changed again within BUSY_WITHIN_MS of the last look: an animation, a live ticker): such a page is
 * looked at less and less often instead of costing main-thread time forever. A sign-in form rendered
 * after a click, or a page with a once-a-second countdown, keeps the quick interval.
 */
const BUSY_WITHIN_MS = 50;

/** The extension's own in-page hosts (isolated-host.ts): adding or removing them is not the page changing. */
const isOwnHost = (node: Node) => node.nodeName.startsWith('KEYRING-');
const isOwnChange = (record: MutationRecord) => [...record.addedNodes, ...record.removedNodes].every(isOwnHost);

export function watchDom(onChange: () => void, intervalMs = 300, maxIntervalMs = 2000, signal?: AbortSignal): { observe(root: Node): void } {
  const roots = new Set<Node>();
  const options: MutationObserverInit = { childList: true, subtree: true };
  let delay = intervalMs;
  let lastLook = -Infinity;
  let pending: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver((records) => {
    if (records.every(isOwnChange)) return;
    observer.disconnect();
    const quietFor = performance.now() - lastLook;
    delay = quietFor > BUSY_WITHIN_MS ? intervalMs : Math.min(delay * 2, maxIntervalMs);
    pending = setTimeout(() => {
      pending = undefined;
      lastLook = performance.now();
      onChange();
      if (signal?.aborted) return; // onChange may have ended the watch
      for (const root of roots) observer.observe(root, options);
    }, delay);
  });
  // Aborted: nothing observed, no look pending, and the roots (maybe a single-page app's old view) let go.
  signal?.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearTimeout(pending);
      roots.clear();
    },
    { once: true },
  );
  return {
    observe(root: Node) {
      if (signal?.aborted || roots.has(root)) return;
      roots.add(root);
      observer.observe(root, options);
    },
  };
}
