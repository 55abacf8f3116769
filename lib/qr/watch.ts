import { request } from '@/lib/messaging/client';
import { watchDom } from '@/lib/page/dom-watch';
import { timersFor } from '@/lib/page/lifetime';
import { openShadowRoots } from '@/lib/autofill/find';
import { pageMayShowEnrolmentQr, type SampleBudget } from './probe';

/** Pages up to this many elements have their open shadow roots looked for again on every change. */
const SMALL_PAGE = 3000;

/**
 * Content-script side of enrolment: a cheap look now, when the page changes and when an image loads; the first
 * time the page may show a QR code, ask the background to inject the decoder (entrypoints/scanner.ts) here.
 * Everything it attaches goes when `signal` aborts, or once it asked: the decoder watches from then on (a
 * single-page app's later views included).
 */
export function startEnrolmentWatch(signal: AbortSignal, stillConnected: () => boolean = () => true): void {
  const watch = new AbortController();
  signal.addEventListener('abort', () => watch.abort(), { once: true, signal: watch.signal });
  const timers = timersFor(watch.signal);
  let asked = false;
  let shadowRoots: ShadowRoot[] = [];
  let loadPending = false;
  // The look at load samples no pixels (drawing images costs): an image that needs it is sampled in a task of its own.
  const check = (samples = 6) => {
    const budget: SampleBudget = { samples };
    if (asked || watch.signal.aborted) return;
    if (!pageMayShowEnrolmentQr(document, shadowRoots, budget)) {
      if (budget.skipped) timers.setTimeout(check);
      return;
    }
    asked = true;
    watch.abort();
    void request('enrol/scanMe', null).catch(() => undefined);
  };
  // An image's pixels (and its size) arrive after it is in the DOM; `load` does not bubble, a capture listener sees it.
  // The first load is looked at at once; a burst of loads after it, once more 100 ms later.
  const onLoad = (event: Event) => {
    if (asked || loadPending || !(event.target instanceof HTMLImageElement)) return;
    loadPending = true;
    check();
    timers.setTimeout(() => {
      loadPending = false;
      check();
    }, 100);
  };
  const start = () => {
    check(-1);
    if (asked) return;
    document.addEventListener('load', onLoad, { capture: true, signal: watch.signal });
    const watcher = watchDom(
      () => {
        if (!stillConnected()) return;
        if (!asked && document.getElementsByTagName('*').length < SMALL_PAGE) refreshShadowRoots();
        check();
      },
      700,
      undefined,
      watch.signal,
    );
    const refreshShadowRoots = () => {
      shadowRoots = openShadowRoots(document);
      for (const root of shadowRoots) watcher.observe(root);
    };
    watcher.observe(document);
    // Open shadow roots need a walk over every element: done once the page is idle, not at load.
    timers.whenIdle(() => {
      if (asked) return;
      refreshShadowRoots();
      if (shadowRoots.length) check();
    }, 1500);
  };
  // The first look is a task of its own, not part of the script's start-up (a 5,000-node page: ~1–2 ms).
  // Images loaded before it are seen by that look; those loaded after, by the listener it adds.
  timers.setTimeout(start);
}
