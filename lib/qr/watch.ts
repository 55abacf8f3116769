import { request } from '@/lib/messaging/client';
import { watchDom } from '@/lib/page/dom-watch';
import { openShadowRoots } from '@/lib/autofill/find';
import { pageMayShowEnrolmentQr } from './probe';

/** Pages up to this many elements have their open shadow roots looked for again on every change. */
const SMALL_PAGE = 3000;

/**
 * Content-script side of enrolment: a cheap look now, when the page changes and when an image loads; the first
 * time the page may show a QR code, ask the background to inject the decoder (entrypoints/scanner.ts) here.
 */
export function startEnrolmentWatch(): void {
  let asked = false;
  let shadowRoots: ShadowRoot[] = [];
  let loadPending = false;
  const check = () => {
    if (asked || !pageMayShowEnrolmentQr(document, shadowRoots)) return;
    asked = true;
    document.removeEventListener('load', onLoad, true);
    void request('enrol/scanMe', null).catch(() => undefined);
  };
  // An image's pixels (and its size) arrive after it is in the DOM; `load` does not bubble, a capture listener sees it.
  const onLoad = (event: Event) => {
    if (asked || loadPending || !(event.target instanceof HTMLImageElement)) return;
    loadPending = true;
    setTimeout(() => {
      loadPending = false;
      check();
    }, 100);
  };
  check();
  if (asked) return;
  document.addEventListener('load', onLoad, true);
  const watcher = watchDom(() => {
    if (!asked && document.getElementsByTagName('*').length < SMALL_PAGE) refreshShadowRoots();
    check();
  }, 700);
  const refreshShadowRoots = () => {
    shadowRoots = openShadowRoots(document);
    for (const root of shadowRoots) watcher.observe(root);
  };
  watcher.observe(document);
  // Open shadow roots need a walk over every element: done once the page is idle, not at load.
  const whenIdle = (task: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(task, { timeout: 1500 }) : setTimeout(task, 200));
  whenIdle(() => {
    if (asked) return;
    refreshShadowRoots();
    if (shadowRoots.length) check();
  });
}
