import type { HandlersOf } from '@/lib/messaging/types';
import { checkClock, fetchDateHeader, type DateFetcher } from './clock';
import type { CLOCK_SENDERS, ClockProtocol } from './messages';

/** What the clock check needs, given by entrypoints/background.ts. */
export interface ClockDeps {
  activeTab(): Promise<{ id: number; url: string } | null>;
  now?: () => number;
  /** Clock check: HEAD to the active tab's own origin (tests pass a fake). */
  fetchDate?: DateFetcher;
}

export function createClockHandlers(deps: ClockDeps): HandlersOf<ClockProtocol, typeof CLOCK_SENDERS> {
  const now = deps.now ?? Date.now;
  return {
    async 'clock/check'() {
      const tab = await deps.activeTab();
      return checkClock(tab?.url ?? null, deps.fetchDate ?? fetchDateHeader, now);
    },
  };
}
