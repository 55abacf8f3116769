/**
 * Calls `onChange` after the page's DOM changed, at most once per `intervalMs`. On a page that mutates
 * all the time this costs one observer callback per interval, not one per mutation: the observer
 * disconnects at the first change and reconnects after the interval (changes in between are covered by
 * `onChange` itself looking at the page again).
 */
export function watchDom(onChange: () => void, intervalMs = 300): { observe(root: Node): void } {
  const roots = new Set<Node>();
  const options: MutationObserverInit = { childList: true, subtree: true };
  const observer = new MutationObserver(() => {
    observer.disconnect();
    setTimeout(() => {
      onChange();
      for (const root of roots) observer.observe(root, options);
    }, intervalMs);
  });
  return {
    observe(root: Node) {
      if (roots.has(root)) return;
      roots.add(root);
      observer.observe(root, options);
    },
  };
}
