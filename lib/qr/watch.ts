import { request } from '@/lib/messaging/client';
import { watchDom } from '@/lib/page/dom-watch';
import { timersFor } from '@/lib/page/lifetime';
import { watchViews } from '@/lib/page/views';
import { openShadowRoots } from '@/lib/autofill/find';
import { pageMayShowEnrolmentQr, type SampleBudget } from './probe';

/** Pages up to this many elements have their open shadow roots looked for again on every change. */
const SMALL_PAGE = 3000;

/**
 * Content-script side of enrolment: a cheap look now, when the page changes and when an image loads; the first
 * time the page may show a QR code, ask the background to inject the decoder (entrypoints/scanner.ts) here.
 * A single-page app's every view (lib/page/views.ts) is looked at afresh: the decoder of the old view has gone
 * with it (scanner.ts). Everything it attaches goes when `signal` aborts; a view's look, once it asked.
 */
export function startEnrolmentWatch(signal: AbortSignal, stillConnected: () => boolean = () => true): void {
  const lifeTimers = timersFor(signal);
  let watcher: ReturnType<typeof watchDom> | null = null;
  /** The current view's look; replaced at each view. */
  let look: { onDomChange(): void } | null = null;

  const startLook = (view: AbortSignal) => {
    const ask = new AbortController();
    view.addEventListener('abort', () => ask.abort(), { once: true, signal: ask.signal });
    const asking = ask.signal;
    const timers = timersFor(asking);
    let shadowRoots: ShadowRoot[] = [];
    let loadPending = false;
    // The look at load samples no pixels (drawing images costs): an image that needs it is sampled in a task of its own.
    const check = (samples = 6) => {
      const budget: SampleBudget = { samples };
      if (asking.aborted) return;
      if (!pageMayShowEnrolmentQr(document, shadowRoots, budget)) {
        if (budget.skipped) timers.setTimeout(check);
        return;
      }
      ask.abort(); // asked: this view's look ends, the decoder watches from now on
      void request('enrol/scanMe', null).catch(() => undefined);
    };
    const refreshShadowRoots = () => {
      shadowRoots = openShadowRoots(document);
      for (const root of shadowRoots) watcher?.observe(root);
    };
    // An image's pixels (and its size) arrive after it is in the DOM; `load` does not bubble, a capture listener sees it.
    // The first load is looked at at once; a burst of loads after it, once more 100 ms later.
    const onLoad = (event: Event) => {
      if (loadPending || !(event.target instanceof HTMLImageElement)) return;
      loadPending = true;
      check();
      timers.setTimeout(() => {
        loadPending = false;
        check();
      }, 100);
    };
    const start = () => {
      check(-1);
      if (asking.aborted) return;
      document.addEventListener('load', onLoad, { capture: true, signal: asking });
      // Open shadow roots need a walk over every element: done once the page is idle, not at load.
      timers.whenIdle(() => {
        refreshShadowRoots();
        if (shadowRoots.length) check();
      }, 1500);
    };
    look = {
      onDomChange() {
        if (asking.aborted) return;
        if (document.getElementsByTagName('*').length < SMALL_PAGE) refreshShadowRoots();
        check();
      },
    };
    // The first look is a task of its own, not part of the script's start-up (a 5,000-node page: ~1–2 ms).
    // Images loaded before it are seen by that look; those loaded after, by the listener it adds.
    timers.setTimeout(start);
  };

  const views = watchViews(signal, startLook, stillConnected);
  // Started in a task of its own too; it stays while the content script runs (it also notices a new view).
  lifeTimers.setTimeout(() => {
    watcher = watchDom(
      () => {
        views.check();
        look?.onDomChange();
      },
      700,
      undefined,
      signal,
    );
    watcher.observe(document);
  });
}
