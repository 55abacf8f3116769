import { request } from '@/lib/messaging/client';
import type { attachFillButton } from './ui';

/** What entrypoints/fill-ui.ts puts in the extension's isolated world (the page's own world never sees it). */
export interface FillUi {
  attachFillButton: typeof attachFillButton;
}

type FillUiGlobal = typeof globalThis & { __keyringFillUi?: FillUi };

/**
 * Called by the injected script; a second injection keeps the first (buttons already placed use it). When
 * `signal` aborts (the content script's context ends: lib/page/lifetime.ts) it is taken away again.
 */
export function installFillUi(ui: FillUi, signal?: AbortSignal): void {
  const global = globalThis as FillUiGlobal;
  if (global.__keyringFillUi || signal?.aborted) return;
  global.__keyringFillUi = ui;
  signal?.addEventListener('abort', () => global.__keyringFillUi === ui && delete global.__keyringFillUi, { once: true });
}

let loading: Promise<FillUi> | null = null;

/**
 * The fill button's code is not in the always-injected content script (it is needed only where a code
 * field was found): the first call asks the background to inject it into this frame, later calls reuse it.
 * A failure is not kept, so the next scan asks again.
 */
export function loadFillUi(): Promise<FillUi> {
  loading ??= (async () => {
    const present = (globalThis as FillUiGlobal).__keyringFillUi;
    if (present) return present;
    await request('autofill/loadUi', null);
    const ui = (globalThis as FillUiGlobal).__keyringFillUi;
    if (!ui) throw new Error('The fill button could not be loaded in this frame.');
    return ui;
  })().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
