import { browser } from 'wxt/browser';

/** Where lib/page/quiet-context.ts keeps the running content script's context, in the extension's isolated world. */
const RUNNING = '__keyringContentScriptContexts';

interface RunningContext {
  readonly signal: AbortSignal;
  readonly isValid: boolean;
}

/**
 * The lifetime of a script injected later into a frame's isolated world (the scanner, the fill UI): it ends with
 * the content script's context (the extension reloaded or updated, a newer copy of the script started), or when
 * the extension is found gone (`stillConnected`). Each injected script owns its controller.
 */
export function injectedLifetime(contentScript = 'content'): { signal: AbortSignal; stillConnected(): boolean } {
  const controller = new AbortController();
  const context = (globalThis as { [RUNNING]?: Record<string, RunningContext | undefined> })[RUNNING]?.[contentScript];
  if (context?.signal.aborted) controller.abort();
  else context?.signal.addEventListener('abort', () => controller.abort(), { once: true, signal: controller.signal });
  const stillConnected = () => {
    // An orphaned copy (its extension reloaded) is told by nothing: it notices its runtime is gone.
    if (!controller.signal.aborted && (browser.runtime?.id == null || context?.isValid === false)) controller.abort();
    return !controller.signal.aborted;
  };
  return { signal: controller.signal, stillConnected };
}

export interface Timers {
  setTimeout(task: () => void, ms?: number): void;
  setInterval(task: () => void, ms: number): () => void;
  whenIdle(task: () => void, timeoutMs: number): void;
}

/** Timers that never run after `signal` aborted: the pending ones are cleared then (one abort listener for all). */
export function timersFor(signal: AbortSignal): Timers {
  const timeouts = new Set<ReturnType<typeof setTimeout>>();
  const intervals = new Set<ReturnType<typeof setInterval>>();
  const idles = new Set<number>();
  const hasIdle = typeof requestIdleCallback === 'function';
  signal.addEventListener(
    'abort',
    () => {
      for (const id of timeouts) clearTimeout(id);
      for (const id of intervals) clearInterval(id);
      for (const id of idles) cancelIdleCallback(id);
      timeouts.clear();
      intervals.clear();
      idles.clear();
    },
    { once: true },
  );
  const setTimeoutFor = (task: () => void, ms?: number) => {
    if (signal.aborted) return;
    const id = setTimeout(() => {
      timeouts.delete(id);
      task();
    }, ms);
    timeouts.add(id);
  };
  return {
    setTimeout: setTimeoutFor,
    setInterval(task, ms) {
      if (signal.aborted) return () => undefined;
      const id = setInterval(task, ms);
      intervals.add(id);
      return () => {
        clearInterval(id);
        intervals.delete(id);
      };
    },
    whenIdle(task, timeoutMs) {
      if (signal.aborted) return;
      if (!hasIdle) return setTimeoutFor(task, Math.min(200, timeoutMs));
      const id = requestIdleCallback(
        () => {
          idles.delete(id);
          task();
        },
        { timeout: timeoutMs },
      );
      idles.add(id);
    },
  };
}
