import type { SendersOf } from '@/lib/messaging/types';
import type { ClockCheck } from './clock';

/** Messages of the clock check (popup → background). */
export interface ClockProtocol {
  /** Popup: compare the computer's clock with the `Date` header of the active tab's own site. */
  'clock/check': { request: null; response: ClockCheck };
}

export const CLOCK_SENDERS = {
  'clock/check': ['extension-page'],
} as const satisfies SendersOf<ClockProtocol>;
