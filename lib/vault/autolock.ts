/** Auto-lock through the `alarms` API: timers in a service worker die with it, alarms do not. */
export const AUTO_LOCK_ALARM = 'auto-lock';

export interface AlarmScheduler {
  create(name: string, info: { delayInMinutes: number }): unknown;
  clear(name: string): unknown;
}

/** Pushes the lock time back on every use of the extension; 0 minutes means never. */
export function scheduleAutoLock(alarms: AlarmScheduler, minutes: number): void {
  if (minutes <= 0) {
    void alarms.clear(AUTO_LOCK_ALARM);
    return;
  }
  // Chrome fires alarms at 30 s granularity at best; anything shorter is rounded up by the browser.
  void alarms.create(AUTO_LOCK_ALARM, { delayInMinutes: Math.max(0.5, minutes) });
}
