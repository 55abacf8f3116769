import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import { hasUserText } from './classify';
import { fillCode } from './fill';
import { findCodeTargets, openShadowRoots, type CodeTarget } from './find';
import { isFillTrigger, type FillDecision } from './protocol';
import { attachFillButton, type FillButtonHandle } from './ui';
import { watchDom } from '@/lib/page/dom-watch';

interface Placed {
  target: CodeTarget;
  button: FillButtonHandle;
}

/**
 * Content-script side of sign-in autofill. Holds no secret: it asks the background for "the code for
 * this frame" and the background decides from the browser's record of the sender.
 */
export function startAutofill(): void {
  const placed = new Map<HTMLInputElement, Placed>();
  const observedRoots = new WeakSet<Node>();
  let probe: Promise<{ fillable: boolean; accounts: number; autoFill: boolean }> | null = null;
  let autoFilled = false;

  const site = location.hostname;

  const apply = (target: CodeTarget, decision: FillDecision, handle: FillButtonHandle) => {
    if (decision.kind === 'code') {
      const single = target.inputs.length === 1 ? target.inputs[0] : undefined;
      if (single && hasUserText(single)) return handle.showNote(t('fill_user_text'));
      fillCode(target.inputs, decision.code);
    } else if (decision.kind === 'choose' || decision.kind === 'confirm') {
      handle.showChooser(decision.options, decision.kind === 'confirm', site, (id) => {
        void request('autofill/pick', { id, bind: decision.kind === 'confirm' }).then((next) => apply(target, next, handle));
      });
    } else if (decision.kind === 'locked') {
      handle.showNote(t('fill_locked'));
      void request('autofill/openUnlock', null);
    } else {
      handle.showNote(t('fill_nothing', decision.reason));
    }
  };

  const fill = async (entry: Placed, preferredId?: string): Promise<boolean> => {
    const decision = await request('autofill/code', { preferredId });
    apply(entry.target, decision, entry.button);
    return decision.kind === 'code';
  };

  // Shadow roots are found off the load path (idle time); until then only the document's own inputs.
  let shadowRoots: ShadowRoot[] = [];
  const scan = async () => {
    const targets = findCodeTargets(document, shadowRoots).filter((t) => !t.verdict.sent && t.inputs[0] && !placed.has(t.inputs[0]));
    if (targets.length === 0) return;
    probe ??= request('autofill/probe', null);
    const status = await probe.catch(() => null);
    if (!status?.fillable) return;
    for (const target of targets) {
      const last = target.inputs[target.inputs.length - 1];
      const first = target.inputs[0];
      if (!last || !first || !first.isConnected) continue;
      const entry: Placed = { target, button: attachFillButton(last, () => void fill(entry)) };
      placed.set(first, entry);
      if (status.autoFill && status.accounts === 1 && !autoFilled) {
        autoFilled = true;
        void fill(entry);
      }
    }
  };

  // Cheap test first: a full scan when the number of inputs changed. Inputs inside shadow roots that
  // appear later are caught by a slower full scan, only on pages small enough for it to be cheap.
  const inputs = document.getElementsByTagName('input');
  const elements = document.getElementsByTagName('*');
  let lastCount = inputs.length;
  let lastFullScan = 0;
  const watcher = watchDom(() => {
    const count = inputs.length;
    const now = performance.now();
    if (count !== lastCount || (elements.length < 3000 && now - lastFullScan > 3000)) {
      lastCount = count;
      lastFullScan = now;
      if (elements.length < 3000) refreshShadowRoots();
      void scan();
    }
  });

  const refreshShadowRoots = () => {
    shadowRoots = openShadowRoots(document);
    for (const shadow of shadowRoots) {
      if (observedRoots.has(shadow)) continue;
      observedRoots.add(shadow);
      watcher.observe(shadow);
    }
  };
  const whenIdle = (task: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(task, { timeout: 1000 }) : setTimeout(task, 200));

  watcher.observe(document);
  void scan();
  whenIdle(() => {
    refreshShadowRoots();
    if (shadowRoots.length) void scan();
  });

  // The keyboard shortcut and the popup ask every frame; only a frame with a code field answers.
  browser.runtime.onMessage.addListener((message: unknown, _sender: unknown, sendResponse: (answer: unknown) => void) => {
    if (!isFillTrigger(message)) return false;
    const entry = [...placed.values()].find((p) => p.target.inputs[0]?.isConnected);
    if (!entry) return false;
    void fill(entry, message.preferredId).then((filled) => sendResponse({ filled }));
    return true;
  });
}
