import { browser } from 'wxt/browser';
import { reasonText, t } from '@/lib/i18n';
import { isMessageFrom, request, type RuntimeSender } from '@/lib/messaging/client';
import { hasUserText } from './classify';
import { fillCode } from './fill';
import { findCodeTargets, openShadowRoots, type CodeTarget } from './find';
import type { AutofillProtocol, FillDecision } from './messages';
import type { FillButtonHandle } from './ui';
import { loadFillUi, type FillUi } from './ui-loader';
import { watchDom } from '@/lib/page/dom-watch';
import { timersFor } from '@/lib/page/lifetime';
import { watchViews } from '@/lib/page/views';
import { addWords, whenWordsNeeded } from './words';

/** Below this many elements, any DOM change may look into shadow roots (one TreeWalker pass). */
const SMALL_PAGE = 3000;

interface Placed {
  target: CodeTarget;
  button: FillButtonHandle;
}

/**
 * Content-script side of sign-in autofill. Holds no secret: it asks the background for "the code for
 * this frame" and the background decides from the browser's record of the sender.
 * When `signal` aborts, every listener, observer, timer and key button it added goes. The key buttons belong
 * to one view of a single-page app (lib/page/views.ts): the next view gets its own, the old ones go with theirs.
 */
export function startAutofill(signal: AbortSignal, stillConnected: () => boolean = () => true): void {
  // A sandboxed frame has an opaque origin: it is nobody's site, whatever its address says. (The
  // background decides from the browser's sender.origin; Firefox gives none, so this is its guard.)
  if (self.origin === 'null' || signal.aborted) return;
  const timers = timersFor(signal);
  let view = signal;
  const placed = new Map<HTMLInputElement, Placed>();
  const observedRoots = new WeakSet<Node>();
  let probe: Promise<AutofillProtocol['autofill/probe']['response']> | null = null;
  let autoFilled = false;

  /** Acts on the background's decision; true when a code went into the field. */
  const apply = (target: CodeTarget, decision: FillDecision, handle: FillButtonHandle): boolean => {
    if (decision.kind === 'code') {
      // Six boxes for an eight-digit code: a partial code would only fail on submit.
      const boxes = target.inputs.length;
      const refusal = target.inputs.some(hasUserText)
        ? t('fill_user_text')
        : boxes > 1 && boxes !== decision.code.length
          ? t('fill_length_mismatch', [String(decision.code.length), String(boxes)])
          : null;
      if (refusal) {
        handle.showNote(refusal);
        return false;
      }
      fillCode(target.inputs, decision.code);
      return true;
    }
    if (decision.kind === 'choose') {
      handle.showChooser(decision.options, false, '', (id) => {
        void request('autofill/pick', { id }).then((next) => apply(target, next, handle));
      });
    } else if (decision.kind === 'wait') {
      // That step's code was already handed out (and maybe accepted): the next one comes by itself.
      handle.showCountdown(decision.retryInMs, () => {
        const entry = [...placed.values()].find((p) => p.button === handle);
        if (entry && entry.target.inputs[0]?.isConnected) void fill(entry, decision.accountId);
      });
    } else if (decision.kind === 'binding') {
      handle.showNote(t('fill_binding'));
    } else if (decision.kind === 'locked') {
      probe = null;
      handle.showNote(t('fill_locked'));
      void request('autofill/openUnlock', null);
    } else {
      handle.showNote(t('fill_nothing', reasonText(decision.reason, { site: decision.site ?? '' })));
    }
    return false;
  };

  const fill = async (entry: Placed, preferredId?: string): Promise<boolean> => {
    const decision = await request('autofill/code', { preferredId, sent: entry.target.verdict.sent });
    return apply(entry.target, decision, entry.button);
  };

  // Shadow roots are found off the load path (idle time); until then only the document's own inputs.
  let shadowRoots: ShadowRoot[] = [];
  const scan = async () => {
    const scanView = view;
    if (scanView.aborted) return;
    const targets = findCodeTargets(document, shadowRoots).filter((t) => t.inputs[0] && !placed.has(t.inputs[0]));
    if (targets.length === 0) return;
    probe ??= request('autofill/probe', null);
    const status = await probe.catch(() => null);
    if (scanView.aborted) return;
    // Locked: the counts say nothing yet, so the next scan or fill action asks again.
    if (!status || status.locked) probe = null;
    if (!status?.fillable) return;
    // The button's code comes with the first field found (a script of its own, injected into this frame).
    let ui: FillUi;
    try {
      ui = await loadFillUi();
    } catch {
      return;
    }
    if (scanView.aborted) return;
    for (const target of targets) {
      // Every code field gets the button, whatever the vault holds: its presence tells the page nothing.
      // What a press does (fill, chooser, or the extension's binding window) is decided in the background.
      const last = target.inputs[target.inputs.length - 1];
      const first = target.inputs[0];
      // Another scan may have placed it while this one waited.
      if (!last || !first || !first.isConnected || placed.has(first)) continue;
      const entry: Placed = { target, button: ui.attachFillButton(last, () => void fill(entry)) };
      placed.set(first, entry);
      if (status.autoFill && status.bound === 1 && !autoFilled) {
        autoFilled = true;
        void fill(entry);
      }
    }
  };

  // Cheap test first: a scan when the number of inputs changed. Inputs inside shadow roots are not in
  // that count, so a new element on a small page (maybe a shadow host) also looks into shadow roots;
  // large pages do that on a slow clock, so a busy page costs almost nothing.
  const inputs = document.getElementsByTagName('input');
  const elements = document.getElementsByTagName('*');
  let lastCount = inputs.length;
  let lastSize = elements.length;
  let lastDeepScan = 0;
  /** Key buttons whose field is gone from the page (a framework re-rendered it): their observers go too. */
  const dropDetached = () => {
    let dropped = false;
    for (const [first, entry] of placed) {
      if (first.isConnected) continue;
      entry.button.remove();
      placed.delete(first);
      dropped = true;
    }
    return dropped;
  };
  let newView = false;
  const views = watchViews(
    signal,
    (next) => {
      view = next;
      autoFilled = false;
      newView = true;
      next.addEventListener(
        'abort',
        () => {
          for (const entry of placed.values()) entry.button.remove();
          placed.clear();
        },
        { once: true },
      );
    },
    stillConnected,
  );
  const watcher = watchDom(() => {
    views.check();
    if (signal.aborted) return;
    // A new view, or a field gone: look again even if the page has as many inputs as before (one form for another).
    const fieldsChanged = dropDetached() || newView;
    newView = false;
    const count = inputs.length;
    const size = elements.length;
    const now = performance.now();
    const lookDeeper = size < SMALL_PAGE ? size !== lastSize || now - lastDeepScan > 3000 : now - lastDeepScan > 10_000;
    lastSize = size;
    if (count === lastCount && !lookDeeper && !fieldsChanged) return;
    lastCount = count;
    if (lookDeeper) {
      lastDeepScan = now;
      refreshShadowRoots();
    }
    void scan();
  }, 300, 2000, signal);

  const refreshShadowRoots = () => {
    shadowRoots = openShadowRoots(document);
    for (const shadow of shadowRoots) {
      if (observedRoots.has(shadow)) continue;
      observedRoots.add(shadow);
      watcher.observe(shadow);
    }
  };

  watcher.observe(document);
  whenWordsNeeded(() => void request('autofill/words', null).then(addWords, () => addWords({})).then(() => void scan()));
  // The first look is a task of its own, not part of the script's start-up: classifying a page's fields (their
  // labels, text and headings) and asking for other languages' words cost ~1 ms on a large page.
  timers.setTimeout(() => void scan());
  timers.whenIdle(() => {
    refreshShadowRoots();
    if (shadowRoots.length) void scan();
  }, 1000);

  // The keyboard shortcut and the popup ask every frame; only a frame with a code field answers.
  const onMessage = (message: unknown, sender: RuntimeSender, sendResponse: (answer: unknown) => void) => {
    if (!isMessageFrom('autofill/trigger', message, sender)) return false;
    const entry = [...placed.values()].find((p) => p.target.inputs[0]?.isConnected);
    if (!entry) {
      // Maybe a field skipped while the vault was locked: look again for the next press, but do not
      // answer (the first frame to answer wins, and it must be the one with the field).
      probe = null;
      void scan();
      return false;
    }
    void fill(entry, message.payload.preferredId).then((filled) => sendResponse({ filled }));
    return true;
  };
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
}
