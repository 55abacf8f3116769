import { useCallback, useEffect, useMemo, useRef } from 'preact/hooks';
import { request } from '@/lib/messaging/client';
import { CodeStore } from '@/lib/popup/code-store';
import type { ListData } from './list-data';

/**
 * The list's one clock: every row's code lives in one store, which wakes at the earliest step end,
 * swaps in the prepared codes and fetches the following ones. A fetch that fails is reported (the
 * rows would otherwise show codes that no longer work), never dropped.
 */
export function useCodeTicker(data: ListData, clockOffsetSeconds: number, report: (error: unknown) => void) {
  const store = useMemo(() => new CodeStore(), []);
  store.clockOffsetMs = clockOffsetSeconds * 1000;
  const reportRef = useRef(report);
  reportRef.current = report;

  const tickTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const scheduleTick = useCallback(() => {
    if (tickTimer.current) clearTimeout(tickTimer.current);
    const boundary = store.nextBoundary();
    if (boundary === null) return;
    tickTimer.current = setTimeout(() => {
      const started = performance.now();
      const changed = store.advance(store.now());
      scheduleTick();
      // Timing for `npm run bench`: Preact renders the changed rows in a microtask queued before this one.
      queueMicrotask(() => performance.measure('keyring:tick', { start: started, end: performance.now() }));
      if (changed.length > 0) {
        void request('accounts/codes', { ids: changed }).then((views) => {
          const received = performance.now();
          store.setMany(views);
          scheduleTick();
          queueMicrotask(() => performance.measure('keyring:tick-refill', { start: received, end: performance.now() }));
        }, (e: unknown) => reportRef.current(e));
      }
    }, Math.max(0, boundary - store.now()) + 5);
  }, [store]);

  /** Fetches every account's codes again (after a clock correction, or when the first load held only a screenful). */
  const refreshCodes = useCallback(async () => {
    store.setMany(await request('accounts/codes', {}));
    scheduleTick();
  }, [store, scheduleTick]);

  // Codes go into the store during render, so the very first paint already shows them.
  const loaded = useRef<ListData | null>(null);
  if (loaded.current !== data) {
    store.retain(new Set(data.accounts.map((a) => a.id)));
    store.setMany(data.codes);
  }
  useEffect(() => {
    loaded.current = data;
    scheduleTick();
    if (data.complete === false) refreshCodes().catch((e: unknown) => reportRef.current(e));
  }, [data, scheduleTick, refreshCodes]);
  useEffect(() => () => { if (tickTimer.current) clearTimeout(tickTimer.current); }, []);

  return { store, refreshCodes };
}
